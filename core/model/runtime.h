#pragma once
// Device selection and CPU threading, shared by the CLI, the GUI and vitlens-bench. Free of torch headers.
#include <string>

namespace vitlens {

enum class DeviceChoice { Auto, Cpu, Cuda };

// "auto" | "cpu" | "cuda"; throws std::invalid_argument otherwise.
DeviceChoice parseDeviceChoice(const std::string& text);
bool cudaAvailable();
// "cpu" or "cuda"; throws std::runtime_error("CUDA was requested but ...") when Cuda is asked for and absent.
std::string resolveDevice(DeviceChoice choice);

// Sets LibTorch's intra-op threads and OpenBLAS's own pool (when OpenBLAS is loaded) so the two never
// oversubscribe the cores. threads <= 0 picks the measured default (see README, "Threads").
void configureThreads(int threads);
int defaultThreads();
int currentThreads();

}  // namespace vitlens
