#include "model/device_memory.h"

#include <c10/util/Exception.h>
#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace vitlens {
namespace {

// Derived from the real error so every `catch (const c10::OutOfMemoryError&)` takes it.
class SimulatedOutOfMemoryError : public c10::OutOfMemoryError {
 public:
  SimulatedOutOfMemoryError()
      : c10::OutOfMemoryError({__func__, __FILE__, static_cast<uint32_t>(__LINE__)},
                              "CUDA out of memory (simulated). Tried to allocate 2.00 GiB. GPU 0 has a total "
                              "capacity of 1.00 GiB of which 0 bytes is free. If reserved but unallocated memory is "
                              "large try setting PYTORCH_CUDA_ALLOC_CONF\nmore advice") {}
};

std::atomic<int>& simulatedFailures() {
  static std::atomic<int> count{0};
  static std::once_flag fromEnvironment;
  std::call_once(fromEnvironment, [] {
    if (const char* text = std::getenv("VITLENS_SIMULATE_OOM")) count = std::atoi(text);
  });
  return count;
}

}  // namespace

at::Tensor toDevice(const at::Tensor& host, const c10::Device& device) {
  if (!device.is_cuda()) return host.to(device);
  return host.pin_memory().to(device, /*non_blocking=*/true);
}

bool isOutOfMemory(const std::exception& error) {
  return dynamic_cast<const c10::OutOfMemoryError*>(&error) != nullptr;
}

bool isSimulatedOutOfMemory(const std::exception& error) {
  return dynamic_cast<const SimulatedOutOfMemoryError*>(&error) != nullptr;
}

void simulateOutOfMemory(int count) { simulatedFailures() = count; }

void throwIfOutOfMemorySimulated() {
  std::atomic<int>& count = simulatedFailures();
  int left = count.load();
  while (left > 0) {
    if (count.compare_exchange_weak(left, left - 1)) throw SimulatedOutOfMemoryError();
  }
}

std::string outOfMemorySummary(const std::exception& error) {
  // c10::Error::what() appends the C++ stack trace; what_without_backtrace() is the message alone.
  const auto* c10Error = dynamic_cast<const c10::Error*>(&error);
  std::string text = c10Error != nullptr ? c10Error->what_without_backtrace() : error.what();
  // PyTorch 2.x: "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of ... If reserved
  // ... try setting PYTORCH_CUDA_ALLOC_CONF ..." on one line (1.x: "... (GPU 0; 79.35 GiB total capacity; ...)").
  for (const char* tail : {"\n", " (GPU ", ". GPU ", ". If ", ". Of "}) {
    const size_t end = text.find(tail);
    if (end != std::string::npos) text.resize(end);
  }
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text;
}

int64_t cudaMemoryInUse() {
  // cudaError_t cudaMemGetInfo(size_t* free, size_t* total): 0 is cudaSuccess.
  using MemGetInfo = int (*)(size_t*, size_t*);
  static const auto memGetInfo = reinterpret_cast<MemGetInfo>(dlsym(RTLD_DEFAULT, "cudaMemGetInfo"));
  if (memGetInfo == nullptr) return -1;
  size_t free = 0;
  size_t total = 0;
  if (memGetInfo(&free, &total) != 0) return -1;
  return static_cast<int64_t>(total - free);
}

}  // namespace vitlens
