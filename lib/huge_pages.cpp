#include "huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace onetrip::internal {

void advise_huge_pages([[maybe_unused]] const void* data, [[maybe_unused]] size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;  // x86-64's and (4 KiB granules) arm64's
  const auto start = reinterpret_cast<uintptr_t>(data);
  if (bytes < kHuge || start > UINTPTR_MAX - bytes) return;
  const uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: ignored on failure
#endif
}

}  // namespace onetrip::internal
