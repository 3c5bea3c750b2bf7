#include "model/runtime.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <sched.h>
#include <torch/cuda.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

namespace vitlens {
namespace {
// OpenBLAS threads set by configureThreads, 0 when OpenBLAS is not in use; read by every CPU product's choice of
// library (model/cpu_gemm.h), possibly on another thread.
std::atomic<int> blasThreads{0};

// The CPU set the process started with, before any thread was pinned.
const cpu_set_t& processCpuSet() {
  static const cpu_set_t set = [] {
    cpu_set_t initial;
    CPU_ZERO(&initial);
    if (sched_getaffinity(0, sizeof(initial), &initial) != 0) {
      for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) CPU_SET(cpu, &initial);
    }
    return initial;
  }();
  return set;
}

struct PinJob {
  const std::vector<int>* cores;
  int (*threadNumber)();
  std::atomic<int> pinned;
};

void pinOpenMpThread(void* data) {
  auto* job = static_cast<PinJob*>(data);
  const int thread = job->threadNumber();
  if (thread < 0 || thread >= static_cast<int>(job->cores->size())) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET((*job->cores)[static_cast<size_t>(thread)], &one);
  if (sched_setaffinity(0, sizeof(one), &one) == 0) ++job->pinned;
}

void unbindCallingThread() {
  const cpu_set_t& all = processCpuSet();
  sched_setaffinity(0, sizeof(all), &all);
}
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
// bfloat16 and int8 run in oneDNN on LibTorch's pool (measured on a 2-core AMX Xeon, ViT-B/16 bfloat16 batch 1 with
// capture: 89.1 ms with LibTorch 1 / OpenBLAS 2 threads, 56.1 ms with LibTorch 2 / OpenBLAS 1). Narrow float32
// models at large batches: cifar-seed batch 64 with capture took 28.0 ms with LibTorch's pool at 2 threads, 33.0 ms
// on one.
void configureThreads(int threads, int64_t modelWidth, ComputeDtype dtype, int64_t batch) {
  const bool onednn = dtype == ComputeDtype::BFloat16 || dtype == ComputeDtype::Int8;
  const bool narrow = threads <= 0 && modelWidth > 0 && modelWidth < kMinWidthForThreadedBlas;
  if (onednn || (narrow && batch >= kMinBatchForThreadedNarrow)) {
    configureThreadPool(threads, ThreadPool::LibTorch);
    bindComputeThreads();
  } else {
    // Threads OpenBLAS starts from here inherit this thread's CPU set: it must be the whole set again.
    unbindCallingThread();
    configureThreadPool(narrow ? 1 : threads, ThreadPool::Blas);
  }
}

int bindComputeThreads() {
  const int threads = at::get_num_threads();
  if (threads <= 1 || std::getenv("OMP_PROC_BIND") || std::getenv("GOMP_CPU_AFFINITY")) return 0;
  if (const char* bind = std::getenv("VITLENS_BIND_THREADS"); bind && std::string(bind) == "0") return 0;
  const cpu_set_t& allowed = processCpuSet();
  std::vector<int> cores;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &allowed)) cores.push_back(cpu);
  }
  if (static_cast<int>(cores.size()) < threads) return 0;  // more threads than cores: nothing sensible to pin
  // Each thread of a `threads`-wide OpenMP team pins itself (thread 0 = the calling thread) and stays pinned, as
  // OpenMP keeps the team for this thread's later parallel regions. The team must be LibTorch's OpenMP runtime's,
  // so its entry points are looked up at run time (at::parallel_for is a header template, serial in a target built
  // without -fopenmp, and official LibTorch builds bundle their own libgomp).
  using GompParallel = void (*)(void (*)(void*), void*, unsigned, unsigned);
  auto* gompParallel = reinterpret_cast<GompParallel>(dlsym(RTLD_DEFAULT, "GOMP_parallel"));
  auto* threadNumber = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_thread_num"));
  if (gompParallel == nullptr || threadNumber == nullptr) return 0;
  PinJob job{&cores, threadNumber, {}};
  gompParallel(&pinOpenMpThread, &job, static_cast<unsigned>(threads), 0);
  return job.pinned.load();
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
  int share = pool == ThreadPool::Blas ? count : 1;
  // VITLENS_BLAS_THREADS overrides OpenBLAS's share, for measuring the choice.
  if (const char* blasOverride = std::getenv("VITLENS_BLAS_THREADS")) share = std::max(1, std::atoi(blasOverride));
  blasThreads = share;
  openblasSetThreads(share);
  at::set_num_threads(pool == ThreadPool::Blas ? 1 : count);
  return std::to_string(share) + " OpenBLAS threads, " + std::to_string(at::get_num_threads()) + " LibTorch threads";
}

int blasThreadCount() { return blasThreads.load(std::memory_order_relaxed); }

int defaultThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int currentThreads() { return at::get_num_threads(); }

}  // namespace vitlens
