// The catalogue loader on arbitrary bytes: it never crashes, and whatever it
// accepts saves to a text that loads back equal and saves to the same bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "onetrip/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<onetrip::Problem> problems;
  auto catalog = onetrip::Catalog::load_json(text, &problems);
  if (!catalog.ok()) {
    if (problems.empty()) std::abort();  // a failed load always says why
    return 0;
  }
  const std::string saved = catalog->save_json();
  auto again = onetrip::Catalog::load_json(saved);
  if (!again.ok() || !(*again == *catalog) || again->save_json() != saved) {
    std::fprintf(stderr, "round trip failed\n");
    std::abort();
  }
  return 0;
}
