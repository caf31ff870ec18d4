#include "graph_support.hpp"

#include <algorithm>

#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/depth_first_search.hpp"
#include "boost/graph/topological_sort.hpp"

namespace onetrip::internal {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

Graph make_graph(uint32_t n, const std::vector<Arc>& arcs) {
  Graph g(n);
  for (const auto& [from, to] : arcs) boost::add_edge(from, to, g);
  return g;
}

// Records the DFS tree and stops at the first back edge, which closes a cycle.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::optional<std::pair<Vertex, Vertex>>* back;
  void tree_edge(Edge e, const Graph& g) const { (*parent)[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const Graph& g) const {
    if (!*back) *back = std::make_pair(boost::source(e, g), boost::target(e, g));
  }
};

}  // namespace

std::optional<std::vector<uint32_t>> find_cycle(uint32_t n, const std::vector<Arc>& arcs) {
  const Graph g = make_graph(n, arcs);
  std::vector<Vertex> parent(n);
  for (uint32_t v = 0; v < n; ++v) parent[v] = v;
  std::optional<std::pair<Vertex, Vertex>> back;
  CycleFinder finder;
  finder.parent = &parent;
  finder.back = &back;
  boost::depth_first_search(g, boost::visitor(finder));
  if (!back) return std::nullopt;
  // The back edge u -> v closes the tree path v -> … -> u.
  std::vector<uint32_t> cycle;
  for (Vertex v = back->first; v != back->second; v = parent[v]) cycle.push_back(static_cast<uint32_t>(v));
  cycle.push_back(static_cast<uint32_t>(back->second));
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

std::vector<uint32_t> topological_order(uint32_t n, const std::vector<Arc>& arcs) {
  const Graph g = make_graph(n, arcs);
  std::vector<Vertex> reversed;
  boost::topological_sort(g, std::back_inserter(reversed));
  return std::vector<uint32_t>(reversed.rbegin(), reversed.rend());
}

}  // namespace onetrip::internal
