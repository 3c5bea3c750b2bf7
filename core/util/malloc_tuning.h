#pragma once
// glibc's malloc serves a block above its mmap threshold with a fresh mmap and unmaps it when freed, and gives the
// heap's free top back to the system past its trim threshold. Both adapt, but never past 32 and 64 MiB, and a
// batch's activations are above them (ViT-B/16 at batch 16: the MLP's hidden tensor, 16 x 197 x 3072 floats, is
// 39 MB; its 12 captured maps, 358 MB), so every layer's large outputs were new pages that the kernel zeroed and
// faulted in, 4 KiB at a time: a GELU over that tensor took 42 ms into fresh memory and 9 ms into reused memory
// (AMD EPYC Zen 3; README, "CPU speed", has the whole-pass figures). vitlens raises the mmap threshold to
// kLargeBlockBytes and the trim threshold to kKeptFreeBytes once, first thing in main(), so the next layer and the
// next pass reuse the memory. The price: up to kKeptFreeBytes of freed memory may stay resident after a large
// batch (availableMemoryBytes counts it as available, mallocFreeBytes). Other threads' arenas (the GUI's worker)
// grow in heaps of at most 64 MiB, so their larger blocks are still mapped. Plain POSIX/glibc, no LibTorch.
#include <cstddef>

namespace vitlens {

// Blocks up to this size come from the heap.
inline constexpr size_t kLargeBlockBytes = size_t{256} << 20;  // 256 MiB
// This much freed memory at the heap's top is kept for reuse: a ViT-B/16 batch of 16 with its maps frees more
// than 256 MiB at the end of each pass, and a 256 MiB threshold gave it all back (int8, capture: no faster).
inline constexpr size_t kKeptFreeBytes = size_t{1} << 30;  // 1 GiB

enum class MallocTuning {
  Applied,      // thresholds raised
  TurnedOff,    // VITLENS_MALLOC_TUNING=0
  UserChosen,   // the user set glibc's own thresholds (GLIBC_TUNABLES or MALLOC_*_THRESHOLD_): theirs stand
  Unavailable,  // not glibc's malloc (e.g. a sanitizer's), which refused the setting
  NotTried,     // tuneMallocForLargeTensors was not called in this process
};

// What tuneMallocForLargeTensors would do with these environment values (each may be null): TurnedOff,
// UserChosen or Applied. Pure, for tests.
MallocTuning chooseMallocTuning(const char* vitlensSwitch, const char* glibcTunables, const char* mmapThresholdEnv,
                                const char* trimThresholdEnv);

// Reads VITLENS_MALLOC_TUNING, GLIBC_TUNABLES, MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_, applies the
// choice with mallopt and returns what happened (Unavailable when mallopt refused). Call first in main(), before
// threads start.
MallocTuning tuneMallocForLargeTensors();

// What tuneMallocForLargeTensors did in this process (NotTried before it is called).
MallocTuning mallocTuning();

// "large blocks kept in the heap (up to 256 MiB; 1 GiB kept free)", "glibc's defaults (VITLENS_MALLOC_TUNING=0)"
const char* mallocTuningText(MallocTuning tuning);

// Bytes malloc holds free for reuse in this process, all arenas (glibc's mallinfo2 fordblks); 0 elsewhere.
size_t mallocFreeBytes();

}  // namespace vitlens
