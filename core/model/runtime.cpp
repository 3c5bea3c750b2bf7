#include "model/runtime.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <torch/cuda.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace vitlens {
namespace {
int blasThreads = 0;  // OpenBLAS threads set by configureThreads, 0 when OpenBLAS is not in use
}  // namespace

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

// Threading choice, measured with vitlens-bench on a 2-core machine (README, "Threads"): Debian's LibTorch runs its
// matrix products through OpenBLAS, whose own pool does the heavy lifting, while LibTorch's OpenMP pool only spreads
// the cheap element-wise work. Both pools at full size oversubscribe the cores (ViT-B/16 batch 1: 862 ms),
// LibTorch's pool alone leaves the GEMMs single-threaded (480 ms), OpenBLAS's pool alone is fastest (278 ms).
// For narrow models the GEMMs are so small that waking OpenBLAS's threads costs more than it saves (cifar-seed,
// width 48, batch 1: 1.62 ms with two threads, 1.12 ms with one), so those run single-threaded.
// Without OpenBLAS (MKL builds such as the official LibTorch) LibTorch's pool gets the threads. The symbol is looked
// up at run time so other builds need nothing.
void configureThreads(int threads, int64_t modelWidth) {
  const bool narrow = threads <= 0 && modelWidth > 0 && modelWidth < kMinWidthForThreadedBlas;
  configureThreadPool(narrow ? 1 : threads, ThreadPool::Blas);
}

std::string configureThreadPool(int threads, ThreadPool pool) {
  const int count = threads > 0 ? threads : defaultThreads();
  using SetThreads = void (*)(int);
  auto* openblasSetThreads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!openblasSetThreads) {
    at::set_num_threads(count);
    blasThreads = 0;
    return std::to_string(count) + " LibTorch threads";
  }
  blasThreads = pool == ThreadPool::Blas ? count : 1;
  // VITLENS_BLAS_THREADS overrides OpenBLAS's share, for measuring the choice.
  if (const char* blasOverride = std::getenv("VITLENS_BLAS_THREADS"))
    blasThreads = std::max(1, std::atoi(blasOverride));
  openblasSetThreads(blasThreads);
  at::set_num_threads(pool == ThreadPool::Blas ? 1 : count);
  return std::to_string(blasThreads) + " OpenBLAS threads, " + std::to_string(at::get_num_threads()) +
         " LibTorch threads";
}

int blasThreadCount() { return blasThreads; }

int defaultThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int currentThreads() { return at::get_num_threads(); }

}  // namespace vitlens
