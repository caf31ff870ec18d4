// Internal: the directed graphs of bundles, on Boost.Graph.
#ifndef ONETRIP_LIB_GRAPH_SUPPORT_HPP_
#define ONETRIP_LIB_GRAPH_SUPPORT_HPP_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace onetrip::internal {

using Arc = std::pair<uint32_t, uint32_t>;  // from, to

// A cycle of the graph on vertices [0, n), as the vertices along it (the first
// is not repeated at the end), or nothing when the graph is acyclic.
std::optional<std::vector<uint32_t>> find_cycle(uint32_t n, const std::vector<Arc>& arcs);

// The vertices in an order where every arc goes forward; the graph must be
// acyclic (check with find_cycle first).
std::vector<uint32_t> topological_order(uint32_t n, const std::vector<Arc>& arcs);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_GRAPH_SUPPORT_HPP_
