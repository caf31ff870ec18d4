// The BPMN importer on arbitrary bytes: never a crash; a refusal has a
// message; a file it reads gives a catalogue with one bundle, every unmapped
// element named by kind with a note, and that bundle exported in each
// engine's dialect reads back with the same members, edges and limits and
// nothing unmapped.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "onetrip/bpmn.hpp"

namespace {

bool same_bundle(const onetrip::Catalog& a, const onetrip::Catalog& b) {
  const onetrip::Bundle& x = a.bundles()[0];
  const onetrip::Bundle& y = b.bundles()[0];
  if (x.members.size() != y.members.size() || x.edges.size() != y.edges.size()) return false;
  for (size_t m = 0; m < x.members.size(); ++m) {
    const onetrip::Matter& p = a.matters()[x.members[m]];
    const onetrip::Matter& q = b.matters()[y.members[m]];
    if (p.code != q.code || a.departments()[p.department].id != b.departments()[q.department].id ||
        p.project_type != q.project_type || p.promised_limit.fields() != q.promised_limit.fields()) {
      return false;
    }
  }
  for (size_t e = 0; e < x.edges.size(); ++e) {
    if (x.edges[e].fields() != y.edges[e].fields()) return false;
  }
  return a.departments()[x.lead].id == b.departments()[y.lead].id && x.acceptance == y.acceptance &&
         x.results == y.results && x.handling == y.handling;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto imported = onetrip::import_bpmn(text);
  if (!imported.ok()) {
    if (imported.status().message().empty()) std::abort();
    return 0;
  }
  if (imported->catalog.bundles().size() != 1) std::abort();
  for (const auto& u : imported->unmapped) {
    if (u.kind.empty() || u.note.empty()) std::abort();
  }
  for (int engine = 0; engine < onetrip::kBpmnEngineCount; ++engine) {
    onetrip::BpmnOptions options;
    options.engine = static_cast<onetrip::BpmnEngine>(engine);
    auto xml = onetrip::export_bpmn(imported->catalog, 0, options);
    if (!xml.ok()) std::abort();
    auto again = onetrip::import_bpmn(*xml);
    if (!again.ok() || !again->unmapped.empty() || !same_bundle(imported->catalog, again->catalog)) std::abort();
  }
  return 0;
}
