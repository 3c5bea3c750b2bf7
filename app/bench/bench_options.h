#pragma once
// What vitlens-bench measures, from its command line.
#include <string>
#include <vector>

namespace vitlens::bench {

struct BenchOptions {
  std::string preset = "cifar-seed";   // used when model is empty
  std::string model;                   // a vitlens model file
  std::string device = "cpu";          // auto | cpu | cuda
  std::vector<int> batches{1, 64};     // batch sizes to time
  std::vector<bool> attention{false};  // capture modes to time
  int warmup = 10;                     // untimed runs before each figure
  int iterations = 50;                 // timed runs for each figure (at least)
  double minSeconds = 1.0;             // keep timing until this much time has passed
  int threads = 0;                     // 0: vitlens's default
  std::string dtype = "float32";       // float32 | bfloat16 | float16 | auto: the Linear layers' dtype
  bool check = false;                  // run the agreement checks instead of timing
  bool presetGiven = false;            // --preset on the command line: --check runs that preset only
  int checkInputs = 0;                 // random inputs per reduced-precision check (0: 256 on CUDA, 32 on CPU)
  bool json = false;
  int inputSize = 0;                 // > 0: the preset at this square input size (vit-l16 at 384)
  std::vector<int> captureLayers;    // non-empty: capture only these layers' attention (implies --attention)
  bool memory = false;               // report the memory each figure left in use (CUDA) or the peak RSS (CPU)
  bool oomCheck = false;             // exercise the out-of-memory fallback instead of timing
  std::vector<std::string> explain;  // explanation methods to time instead of the forward pass (batch 1)
};

// Throws vitlens::UsageError. Returns false when --help was printed.
bool parseBenchOptions(int argc, char** argv, BenchOptions& options);

}  // namespace vitlens::bench
