#pragma once
// vitlens-bench --oom-check: the out-of-memory fallback exercised for real on CUDA (README, "GPU").
#include "bench_options.h"

namespace vitlens::bench {

// Prints what happened; false when the error was not the one vitlens catches or the CPU result is wrong.
bool runOutOfMemoryCheck(const BenchOptions& options);

}  // namespace vitlens::bench
