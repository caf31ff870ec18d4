// Internal: large blocks backed by huge pages, where the system offers them.
#ifndef ONETRIP_LIB_HUGE_PAGES_HPP_
#define ONETRIP_LIB_HUGE_PAGES_HPP_

#include <cstddef>

namespace onetrip::internal {

// Advises Linux to back the 2 MiB pages lying wholly inside [data, data +
// bytes) with transparent huge pages (madvise MADV_HUGEPAGE), to be called
// before they are first written: a loaded catalogue's block of matters (about
// 380 bytes each, 380 MB for 10^6) is then faulted in 2 MiB at a time instead
// of 4 KiB, one fault where there were 512 (bench/README.md, "The JSON load,
// step by step", step 11). Only advice: nothing changes where the kernel's
// transparent huge pages are off, off Linux, for a block without a whole
// aligned 2 MiB inside, or when the call fails.
void advise_huge_pages(const void* data, size_t bytes);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_HUGE_PAGES_HPP_
