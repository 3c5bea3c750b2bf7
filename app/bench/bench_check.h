#pragma once
// vitlens-bench --check: does the device compute what the CPU computes, and how far does half precision move
// the logits and the attention maps? LibTorch only, so it runs on GPU machines without Qt or OpenCV.
#include "bench_options.h"

namespace vitlens::bench {

// Prints one line per check; returns false when a float32 comparison is outside its tolerance.
bool runAgreementChecks(const BenchOptions& options);

}  // namespace vitlens::bench
