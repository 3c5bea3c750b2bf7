#pragma once
// Device selection and CPU threading, shared by the CLI, the GUI and vitlens-bench. Free of torch headers.
#include <cstdint>
#include <string>

#include "model/compute_dtype.h"

namespace vitlens {

enum class DeviceChoice { Auto, Cpu, Cuda };

// "auto" | "cpu" | "cuda"; throws std::invalid_argument otherwise.
DeviceChoice parseDeviceChoice(const std::string& text);
bool cudaAvailable();
// "cpu" or "cuda"; throws std::runtime_error("CUDA was requested but ...") when Cuda is asked for and absent.
std::string resolveDevice(DeviceChoice choice);

// Gives `threads` CPU threads (<= 0: the measured default, all cores) to whichever pool does this model's matrix
// products, and one to the other, so the two never oversubscribe the cores:
// - float32 with OpenBLAS loaded: OpenBLAS's pool (LibTorch's gets one). Models narrower than
//   kMinWidthForThreadedBlas run one thread at batch 1 (waking threads costs more than the tiny products take) and
//   give LibTorch's pool the cores from kMinBatchForThreadedNarrow images up (its element-wise work then dominates).
// - bfloat16 and int8: LibTorch's OpenMP pool, where oneDNN's kernels run (OpenBLAS's gets one).
// - without OpenBLAS (MKL builds such as the official LibTorch): LibTorch's pool.
// LibTorch's threads are then bound to cores (bindComputeThreads). modelWidth = embed dim (0: unknown).
constexpr int64_t kMinWidthForThreadedBlas = 128;
constexpr int64_t kMinBatchForThreadedNarrow = 16;
void configureThreads(int threads, int64_t modelWidth = 0, ComputeDtype dtype = ComputeDtype::Float32,
                      int64_t batch = 1);

// Pins each of LibTorch's OpenMP threads, started from the calling thread, to its own core of the process's CPU
// set (the calling thread takes the first), as OMP_PROC_BIND=true would: unbound, a two-thread pool under load from
// another process ran 4-15x slower. Does nothing with one thread, when OMP_PROC_BIND or GOMP_CPU_AFFINITY is set
// (the user chose), or with VITLENS_BIND_THREADS=0. Returns how many threads it pinned.
int bindComputeThreads();

// Puts `threads` (<= 0: all cores) in one pool and gives the other one thread; without OpenBLAS, LibTorch's pool
// gets them whatever the choice. Training's backward pass has more element-wise work, so it may prefer LibTorch's.
// Returns a line saying what was set.
enum class ThreadPool { Blas, LibTorch };
std::string configureThreadPool(int threads, ThreadPool pool);
int defaultThreads();
int currentThreads();   // LibTorch intra-op threads
int blasThreadCount();  // OpenBLAS threads chosen by configureThreads; 0 when OpenBLAS is not in use

}  // namespace vitlens
