#pragma once
// What running on a GPU needs around the model: host batches copied through pinned memory, CUDA's out-of-memory
// error recognised (and simulated, so the CPU fallback is tested on machines without a GPU), and how much device
// memory is in use. LibTorch only; included by the engine's and the bench's own files, not by public headers.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <exception>
#include <string>

namespace vitlens {

// A host tensor on `device`: on CUDA through page-locked memory and an asynchronous copy (the stream orders it
// before the work that reads it); on the CPU the tensor itself.
at::Tensor toDevice(const at::Tensor& host, const c10::Device& device);

// True for LibTorch's out-of-memory error (c10::OutOfMemoryError, what CUDA's caching allocator throws), real or
// simulated.
bool isOutOfMemory(const std::exception& error);
bool isSimulatedOutOfMemory(const std::exception& error);

// For tests and the GPU check: the next `count` calls of throwIfOutOfMemorySimulated throw c10::OutOfMemoryError
// as a CUDA allocation that failed would. VITLENS_SIMULATE_OOM=N in the environment sets the count once, at the
// first call (for the CLI's and the window's tests).
void simulateOutOfMemory(int count);
void throwIfOutOfMemorySimulated();

// An out-of-memory message without the allocator's figures and advice: "CUDA out of memory. Tried to allocate
// 2.00 GiB".
std::string outOfMemorySummary(const std::exception& error);

// Bytes of device memory in use on the current CUDA device (total - free, as cudaMemGetInfo reports: everything
// the caching allocator holds plus the context), or -1 without CUDA. Looked up in the CUDA runtime LibTorch
// loaded, so no CUDA header is needed to build.
int64_t cudaMemoryInUse();

}  // namespace vitlens
