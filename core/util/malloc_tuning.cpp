#include "util/malloc_tuning.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vitlens {
namespace {

std::atomic<MallocTuning> done{MallocTuning::NotTried};

bool names(const char* text, const char* needle) { return text != nullptr && std::strstr(text, needle) != nullptr; }

}  // namespace

MallocTuning chooseMallocTuning(const char* vitlensSwitch, const char* glibcTunables, const char* mmapThresholdEnv,
                                const char* trimThresholdEnv) {
  if (vitlensSwitch != nullptr && std::strcmp(vitlensSwitch, "0") == 0) return MallocTuning::TurnedOff;
  // Either threshold set by the user: glibc then stops adapting, and our values would silently replace theirs.
  if (names(glibcTunables, "malloc.mmap_threshold") || names(glibcTunables, "malloc.trim_threshold") ||
      mmapThresholdEnv != nullptr || trimThresholdEnv != nullptr) {
    return MallocTuning::UserChosen;
  }
  return MallocTuning::Applied;
}

MallocTuning tuneMallocForLargeTensors() {
  MallocTuning choice =
      chooseMallocTuning(std::getenv("VITLENS_MALLOC_TUNING"), std::getenv("GLIBC_TUNABLES"),
                         std::getenv("MALLOC_MMAP_THRESHOLD_"), std::getenv("MALLOC_TRIM_THRESHOLD_"));
  if (choice == MallocTuning::Applied) {
#if defined(__GLIBC__)
    // mallopt returns 1 on success; sanitizers intercept it and return 0, and their allocators keep their own rules.
    const bool set = mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeBlockBytes)) == 1 &&
                     mallopt(M_TRIM_THRESHOLD, static_cast<int>(kKeptFreeBytes)) == 1;
    if (!set) choice = MallocTuning::Unavailable;
#else
    choice = MallocTuning::Unavailable;
#endif
  }
  done.store(choice);
  return choice;
}

MallocTuning mallocTuning() { return done.load(); }

const char* mallocTuningText(MallocTuning tuning) {
  switch (tuning) {
    case MallocTuning::Applied:
      return "large blocks kept in the heap (up to 256 MiB; 1 GiB kept free)";
    case MallocTuning::TurnedOff:
      return "glibc's defaults (VITLENS_MALLOC_TUNING=0)";
    case MallocTuning::UserChosen:
      return "the user's thresholds (GLIBC_TUNABLES or MALLOC_*_THRESHOLD_)";
    case MallocTuning::Unavailable:
      return "the allocator's defaults (not glibc's malloc)";
    case MallocTuning::NotTried:
      break;
  }
  return "glibc's defaults";
}

size_t mallocFreeBytes() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  return mallinfo2().fordblks;
#else
  return 0;
#endif
}

}  // namespace vitlens
