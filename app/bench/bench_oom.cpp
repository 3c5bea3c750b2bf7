#include "bench_oom.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/util/Exception.h>

#include <cstdio>
#include <vector>

#include "model/device_memory.h"
#include "model/runtime.h"
#include "model/vision_transformer.h"

namespace vitlens::bench {
namespace {

// Allocates 1 GiB blocks on `device` until CUDA refuses one: that refusal is a real c10::OutOfMemoryError, and
// the blocks kept leave the device full for what follows. Returns the blocks (freed by the caller).
std::vector<at::Tensor> fillDevice(const c10::Device& device) {
  std::vector<at::Tensor> ballast;
  constexpr int64_t kBlock = int64_t{1} << 30;
  try {
    for (int i = 0; i < 4096; ++i) ballast.push_back(at::empty({kBlock}, at::TensorOptions(device).dtype(at::kByte)));
  } catch (const c10::OutOfMemoryError& error) {
    std::printf("  filled the GPU: %zu GiB allocated, then \"%s\"\n", ballast.size(),
                outOfMemorySummary(error).c_str());
  }
  // Small blocks too, so the next sizeable allocation cannot fit in what the 1 GiB steps left.
  try {
    for (int i = 0; i < 1 << 16; ++i) {
      ballast.push_back(at::empty({int64_t{1} << 20}, at::TensorOptions(device).dtype(at::kByte)));
    }
  } catch (const c10::OutOfMemoryError&) {
  }
  return ballast;
}

}  // namespace

bool runOutOfMemoryCheck(const BenchOptions& options) {
  const std::string deviceName = resolveDevice(parseDeviceChoice(options.device));
  const c10::Device device(deviceName == "cuda" ? c10::DeviceType::CUDA : c10::DeviceType::CPU);
  const VitConfig config = VitConfig::preset(options.preset);
  at::NoGradGuard noGrad;
  at::manual_seed(7);
  VisionTransformer model(config);
  model->eval();
  const at::Tensor input = at::randn({8, config.channels, config.imageHeight, config.imageWidth});  // (8, 3, H, W)
  const at::Tensor reference = model->forward(input, true).logits;  // on the CPU, before anything moves
  model->to(device);
  std::printf("vitlens-bench: out-of-memory fallback, %s on %s, batch 8 with attention capture\n",
              options.preset.c_str(), deviceName.c_str());

  std::vector<at::Tensor> ballast;
  if (device.is_cuda()) {
    ballast = fillDevice(device);
  } else {
    simulateOutOfMemory(1);  // no GPU: the same path, with the error the simulation throws
  }
  at::Tensor logits;
  bool caught = false;
  try {
    throwIfOutOfMemorySimulated();
    logits = model->forward(toDevice(input, device), true).logits.to(at::kCPU);
  } catch (const c10::OutOfMemoryError& error) {
    caught = true;
    std::printf("  caught c10::OutOfMemoryError%s: \"%s\"\n", isSimulatedOutOfMemory(error) ? " (simulated)" : "",
                outOfMemorySummary(error).c_str());
    model->to(c10::Device(c10::kCPU));  // what the engine does: the model moves, the work is redone there
    ballast.clear();
    logits = model->forward(input, true).logits;
  }
  const double difference = (logits - reference).abs().max().item<double>();
  const bool pass = caught && difference <= 1e-5 * std::max(1.0, reference.abs().max().item<double>());
  std::printf("  %s; redone on the CPU: logits max abs diff from the CPU reference %.3g  %s\n",
              caught ? "the pass ran out of memory" : "the pass did NOT run out of memory", difference,
              pass ? "ok" : "FAIL");
  return pass;
}

}  // namespace vitlens::bench
