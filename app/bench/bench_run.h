#pragma once
// Timing a model's forward pass.
#include <cstdint>
#include <string>
#include <vector>

#include "bench_options.h"

namespace vitlens::bench {

struct BenchFigure {
  int batch = 1;
  bool attention = false;
  double medianMs = 0.0;
  double minMs = 0.0;
  double maxMs = 0.0;
  int runs = 0;
  std::string method;        // an explanation's method; empty for a forward pass
  int threads = 0;           // LibTorch intra-op threads this figure ran with
  int blasThreads = 0;       // OpenBLAS threads, 0 when OpenBLAS is not in use
  std::string products;      // the CPU's float32 matrix products: oneDNN, BLAS, ATen (model/cpu_gemm.h); "" on CUDA
  int64_t memoryBytes = -1;  // --memory: CUDA memory in use after the figure, or the CPU's peak RSS
  double imagesPerSecond() const { return medianMs > 0.0 ? 1000.0 * batch / medianMs : 0.0; }
};

struct BenchReport {
  std::string model;
  std::string device;
  std::string dtype = "float32";
  int threads = 0;      // LibTorch intra-op threads at batch 1 (figures may differ: threads per batch)
  int blasThreads = 0;  // OpenBLAS threads, 0 when OpenBLAS is not in use
  std::vector<BenchFigure> results;
};

// Throws std::runtime_error for a bad model file or an unavailable device.
BenchReport runBenchmark(const BenchOptions& options);

}  // namespace vitlens::bench
