#include "bench_check.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "model/runtime.h"
#include "model/vision_transformer.h"

namespace vitlens::bench {
namespace {

constexpr double kLogitTolerance = 1e-4;      // relative to the largest logit
constexpr double kAttentionTolerance = 1e-5;  // absolute: attention weights are probabilities

// The same random weights every time: a fresh model from the same seed.
VisionTransformer seededModel(const std::string& preset, const c10::Device& device, ComputeDtype dtype) {
  at::manual_seed(1234);
  VisionTransformer model(VitConfig::preset(preset));
  model->to(device);
  model->setComputeDtype(dtype);  // as the app and the timings run it
  model->eval();
  return model;
}

double maxAttentionDifference(const VitOutput& a, const VitOutput& b) {
  double worst = 0.0;
  for (size_t layer = 0; layer < a.attention.size(); ++layer) {
    const at::Tensor diff = a.attention[layer].to(at::kCPU, at::kFloat) - b.attention[layer].to(at::kCPU, at::kFloat);
    worst = std::max(worst, diff.abs().max().item<double>());
  }
  return worst;
}

// Float32 on the device against float32 on the CPU.
bool checkFloat32(const std::string& preset, const c10::Device& device) {
  const VitConfig config = VitConfig::preset(preset);
  at::manual_seed(99);
  const at::Tensor input = at::randn({2, config.channels, config.imageHeight, config.imageWidth});
  const VitOutput reference =
      seededModel(preset, c10::Device(c10::DeviceType::CPU), ComputeDtype::Float32)->forward(input, true);
  const VitOutput other = seededModel(preset, device, ComputeDtype::Float32)->forward(input.to(device), true);
  const double scale = reference.logits.abs().max().item<double>();
  const double logitRel = (other.logits.to(at::kCPU) - reference.logits).abs().max().item<double>() / scale;
  const double attention = maxAttentionDifference(other, reference);
  const bool pass = logitRel <= kLogitTolerance && attention <= kAttentionTolerance;
  std::printf(
      "%-10s float32 %s vs cpu: logits max rel diff %.3g (<= %.0e), attention max abs diff %.3g (<= %.0e)  %s\n",
      preset.c_str(), device.str().c_str(), logitRel, kLogitTolerance, attention, kAttentionTolerance,
      pass ? "ok" : "FAIL");
  return pass;
}

// A reduced dtype against float32 on the same device, over `inputs` random images.
void checkReduced(const std::string& preset, const c10::Device& device, ComputeDtype dtype, int inputs) {
  const VitConfig config = VitConfig::preset(preset);
  const char* name = computeDtypeName(dtype);
  try {
    VisionTransformer full = seededModel(preset, device, ComputeDtype::Float32);
    VisionTransformer reduced = seededModel(preset, device, dtype);
    at::manual_seed(7);
    const int batch = std::min(inputs, device.is_cuda() ? 64 : 8);
    int agree = 0;
    int seen = 0;
    double logitDiff = 0.0;
    double attentionDiff = 0.0;
    while (seen < inputs) {
      const int n = std::min(batch, inputs - seen);
      const at::Tensor input =
          at::randn({n, config.channels, config.imageHeight, config.imageWidth}, at::TensorOptions().device(device));
      const VitOutput a = full->forward(input, true);
      const VitOutput b = reduced->forward(input, true);
      const at::Tensor la = a.logits.to(at::kCPU, at::kFloat);
      const at::Tensor lb = b.logits.to(at::kCPU, at::kFloat);
      agree += la.argmax(1).eq(lb.argmax(1)).sum().item<int>();
      logitDiff = std::max(logitDiff, (la - lb).abs().max().item<double>());
      attentionDiff = std::max(attentionDiff, maxAttentionDifference(a, b));
      seen += n;
    }
    std::printf(
        "%-10s %-8s vs float32 on %s: top-1 agreement %d/%d (%.1f %%), max logit diff %.3g, max attention diff %.3g\n",
        preset.c_str(), name, device.str().c_str(), agree, seen, 100.0 * agree / seen, logitDiff, attentionDiff);
  } catch (const std::exception& e) {
    const std::string message = e.what();
    std::printf("%-10s %-8s on %s: not supported by this LibTorch (%s)\n", preset.c_str(), name, device.str().c_str(),
                message.substr(0, message.find('\n')).c_str());
  }
}

}  // namespace

bool runAgreementChecks(const BenchOptions& options) {
  const std::string deviceName = resolveDevice(parseDeviceChoice(options.device));
  const c10::Device device(deviceName == "cuda" ? c10::DeviceType::CUDA : c10::DeviceType::CPU);
  configureThreads(options.threads, 0);
  at::NoGradGuard noGrad;
  const int inputs = options.checkInputs > 0 ? options.checkInputs : (device.is_cuda() ? 256 : 32);
  std::printf("vitlens-bench --check on %s (%s), %d random inputs per reduced-precision check\n", deviceName.c_str(),
              cudaAvailable() ? "CUDA available" : "no CUDA: the float32 check compares the CPU with itself", inputs);
  bool pass = true;
  const std::vector<std::string> presets = options.presetGiven
                                               ? std::vector<std::string>{options.preset}
                                               : std::vector<std::string>{"cifar-seed", "vit-ti16", "vit-b16"};
  for (const std::string& preset : presets) {
    pass = checkFloat32(preset, device) && pass;
    for (ComputeDtype dtype : {ComputeDtype::Float16, ComputeDtype::BFloat16, ComputeDtype::Int8}) {
      if (dtype == ComputeDtype::Int8 && device.is_cuda()) continue;  // int8 is the CPU's
      checkReduced(preset, device, dtype, inputs);
    }
  }
  return pass;
}

}  // namespace vitlens::bench
