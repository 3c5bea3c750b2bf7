#include "model/runtime.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <torch/cuda.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace vitlens {

DeviceChoice parseDeviceChoice(const std::string& text) {
  if (text == "auto") return DeviceChoice::Auto;
  if (text == "cpu") return DeviceChoice::Cpu;
  if (text == "cuda") return DeviceChoice::Cuda;
  throw std::invalid_argument("unknown device '" + text + "' (expected auto, cpu or cuda)");
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string resolveDevice(DeviceChoice choice) {
  switch (choice) {
    case DeviceChoice::Cpu:
      return "cpu";
    case DeviceChoice::Cuda:
      if (!cudaAvailable()) {
        throw std::runtime_error(
            "CUDA was requested but is not available (LibTorch built without CUDA or no GPU found); use --device cpu "
            "or auto");
      }
      return "cuda";
    case DeviceChoice::Auto:
      break;
  }
  return cudaAvailable() ? "cuda" : "cpu";
}

// Threading choice (one place, benchmarked by vitlens-bench): LibTorch's OpenMP pool owns the cores; when
// LibTorch's matmuls go through OpenBLAS (Debian's libtorch does), OpenBLAS's own pool would start another
// set of threads inside each OpenMP worker and oversubscribe the CPU, so OpenBLAS is pinned to 1 thread.
// The symbol is looked up at run time so that builds against MKL or without OpenBLAS need nothing.
void configureThreads(int threads) {
  const int count = threads > 0 ? threads : defaultThreads();
  at::set_num_threads(count);
  using SetThreads = void (*)(int);
  if (void* symbol = dlsym(RTLD_DEFAULT, "openblas_set_num_threads")) {
    reinterpret_cast<SetThreads>(symbol)(1);
  }
}

int defaultThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int currentThreads() { return at::get_num_threads(); }

}  // namespace vitlens
