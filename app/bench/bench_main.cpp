// vitlens-bench: speed of the ViT forward pass on cpu or cuda. Depends on LibTorch alone.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "bench_check.h"
#include "bench_oom.h"
#include "bench_run.h"
#include "model/blas_kernels.h"
#include "util/arg_parser.h"
#include "util/malloc_tuning.h"

int main(int argc, char** argv) {
  vitlens::reexecWithFasterBlasKernels(argv);  // before any work: OpenBLAS may have chosen slow kernels
  vitlens::tuneMallocForLargeTensors();        // before any tensor: a batch's activations are reused, not re-mapped
  using namespace vitlens::bench;
  BenchOptions options;
  try {
    if (!parseBenchOptions(argc, argv, options)) return 0;
  } catch (const vitlens::UsageError& error) {
    std::cerr << "vitlens-bench: error: " << error.what() << " (see vitlens-bench --help)\n";
    return 2;
  }
  if (options.oomCheck || options.check) {
    try {
      return (options.oomCheck ? runOutOfMemoryCheck(options) : runAgreementChecks(options)) ? 0 : 1;
    } catch (const std::exception& error) {
      const std::string message = error.what();
      std::cerr << "vitlens-bench: " << message.substr(0, message.find('\n')) << "\n";
      return 1;
    }
  }
  BenchReport report;
  try {
    report = runBenchmark(options);
  } catch (const std::exception& error) {
    const std::string message = error.what();
    std::cerr << "vitlens-bench: " << message.substr(0, message.find('\n')) << "\n";
    return 1;
  }
  if (options.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const BenchFigure& f : report.results) {
      if (!f.method.empty()) {
        results.push_back({{"explain", f.method},
                           {"median_ms", f.medianMs},
                           {"min_ms", f.minMs},
                           {"max_ms", f.maxMs},
                           {"runs", f.runs}});
        continue;
      }
      results.push_back({{"batch", f.batch},
                         {"attention", f.attention},
                         {"median_ms", f.medianMs},
                         {"min_ms", f.minMs},
                         {"max_ms", f.maxMs},
                         {"runs", f.runs},
                         {"threads", f.threads},
                         {"blas_threads", f.blasThreads},
                         {"float32_products", f.products},
                         {"images_per_s", f.imagesPerSecond()},
                         {"memory_bytes", f.memoryBytes}});
    }
    const nlohmann::json out = {{"model", report.model},
                                {"device", report.device},
                                {"dtype", report.dtype},
                                {"threads", report.threads},
                                {"blas_threads", report.blasThreads},
                                {"blas_kernels", vitlens::blasCoreName()},
                                {"malloc", vitlens::mallocTuningText(vitlens::mallocTuning())},
                                {"results", results}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::printf("vitlens-bench: %s on %s, %s, %d LibTorch threads, %d OpenBLAS threads\n", report.model.c_str(),
              report.device.c_str(), report.dtype.c_str(), report.threads, report.blasThreads);
  if (const std::string kernels = vitlens::blasKernelsText(); !kernels.empty()) std::printf("  %s\n", kernels.c_str());
  std::printf("  malloc: %s\n", vitlens::mallocTuningText(vitlens::mallocTuning()));
  for (const BenchFigure& f : report.results) {
    if (!f.method.empty()) {
      std::printf("  explain %-13s  median %9.3f ms  min %9.3f  max %9.3f  (%d runs)\n", f.method.c_str(), f.medianMs,
                  f.minMs, f.maxMs, f.runs);
      continue;
    }
    std::printf(
        "  batch %4d  attention %-3s  median %9.3f ms  min %9.3f  max %9.3f  (%d runs)  %10.1f images/s  threads "
        "%d/%d%s%s\n",
        f.batch, f.attention ? "yes" : "no", f.medianMs, f.minMs, f.maxMs, f.runs, f.imagesPerSecond(), f.threads,
        f.blasThreads, f.products.empty() ? "" : "  products ", f.products.c_str());
    if (f.memoryBytes >= 0) {
      std::printf("              memory %s: %.1f MiB\n", report.device == "cuda" ? "in use on the GPU" : "peak RSS",
                  static_cast<double>(f.memoryBytes) / (1024.0 * 1024.0));
    }
  }
  return 0;
}
