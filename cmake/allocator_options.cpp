// SPDX-License-Identifier: MIT
// File: cmake/allocator_options.cpp
// Compiled into each program that nercore_link_allocator() links with mimalloc (never into the
// library): before main(), it asks mimalloc for 2 MiB pages. The gazetteer's hash tables and alias
// records are probed at random, a TLB miss per probe on 4 KiB pages; on Linux with transparent huge
// pages in "madvise" mode, mimalloc then marks its memory MADV_HUGEPAGE. Building the 1M-entry
// gazetteer spends a third of its system time less on page faults (docs/PERFORMANCE.md).
// MIMALLOC_LARGE_OS_PAGES in the environment still decides when it is set.
#include <cstdlib>

#include <mimalloc.h>

namespace {

const bool kLargePages = [] {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr) mi_option_enable(mi_option_large_os_pages);
  return true;
}();

}  // namespace
