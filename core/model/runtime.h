#pragma once
// Device selection and CPU threading, shared by the CLI, the GUI and vitlens-bench. Free of torch headers.
#include <cstdint>
#include <string>

namespace vitlens {

enum class DeviceChoice { Auto, Cpu, Cuda };

// "auto" | "cpu" | "cuda"; throws std::invalid_argument otherwise.
DeviceChoice parseDeviceChoice(const std::string& text);
bool cudaAvailable();
// "cpu" or "cuda"; throws std::runtime_error("CUDA was requested but ...") when Cuda is asked for and absent.
std::string resolveDevice(DeviceChoice choice);

// Gives `threads` CPU threads to whichever pool does the matrix products: OpenBLAS's when it is loaded (LibTorch's
// pool then gets one), LibTorch's otherwise, so the two never oversubscribe the cores. threads <= 0 picks the
// measured default: all cores, or one for models narrower than kMinWidthForThreadedBlas (modelWidth = embed dim;
// 0 when unknown).
constexpr int64_t kMinWidthForThreadedBlas = 128;
void configureThreads(int threads, int64_t modelWidth = 0);

// Puts `threads` (<= 0: all cores) in one pool and gives the other one thread; without OpenBLAS, LibTorch's pool
// gets them whatever the choice. Training's backward pass has more element-wise work, so it may prefer LibTorch's.
// Returns a line saying what was set.
enum class ThreadPool { Blas, LibTorch };
std::string configureThreadPool(int threads, ThreadPool pool);
int defaultThreads();
int currentThreads();   // LibTorch intra-op threads
int blasThreadCount();  // OpenBLAS threads chosen by configureThreads; 0 when OpenBLAS is not in use

}  // namespace vitlens
