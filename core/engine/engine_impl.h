#pragma once
// What engine.cpp and engine_experiments.cpp share: the Engine's state and the steps every entry point takes
// (the image as the model's input, logits as a Classification). Private to core/engine: includes LibTorch.
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <opencv2/core/mat.hpp>

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "model/device_memory.h"
#include "model/memory_estimate.h"
#include "model/model_source.h"

namespace vitlens {

struct Engine::Impl {
  LoadedModel loaded;
  ComputeDtype dtype = ComputeDtype::Float32;
  ComputeDtype requestedDtype = ComputeDtype::Auto;
  std::string deviceName;
  std::string source;
  std::function<void(const std::string&)> notice;  // Engine::setNoticeHandler
};

// After CUDA ran out of memory: the model moves to the CPU and stays there, computing in the CPU's choice of
// dtype for what was asked (float16 becomes auto: LibTorch has no float16 matrix products on the CPU); the notice
// handler and notes() get one sentence saying so. engine.cpp.
void fallBackToCpu(Engine::Impl& impl, const std::exception& error);

// Runs `work` on the model's device; when that runs out of memory on CUDA (or a simulated failure says it did),
// the model moves to the CPU and `work` runs again there. Out of memory on the CPU has nowhere else to go: a
// MemoryLimitError with one clear line instead of LibTorch's allocator advice.
template <class Work>
auto onDeviceOrCpu(Engine::Impl& impl, Work&& work) -> decltype(work()) {
  try {
    throwIfOutOfMemorySimulated();
    return work();
  } catch (const c10::OutOfMemoryError& error) {
    if (impl.deviceName != "cuda" && !isSimulatedOutOfMemory(error)) {
      throw MemoryLimitError(impl.source + ": out of memory on the CPU (" + outOfMemorySummary(error) + ")");
    }
    fallBackToCpu(impl, error);
  }
  return work();
}

// A (rows, cols) tensor as a CV_32F matrix (copied).
inline cv::Mat toMat(const at::Tensor& map) {
  const at::Tensor cpu = map.to(at::kCPU, at::kFloat).contiguous();  // (rows, cols)
  return cv::Mat(static_cast<int>(cpu.size(0)), static_cast<int>(cpu.size(1)), CV_32F, cpu.data_ptr<float>()).clone();
}

// The k most likely classes of a (classes) probability vector, best first.
inline std::vector<ClassScore> topScores(const at::Tensor& probabilities, int topk, const ModelMeta& meta) {
  const at::Tensor probs = probabilities.to(at::kCPU, at::kFloat).contiguous();
  const int64_t k = std::max<int64_t>(1, std::min<int64_t>(topk, probs.numel()));
  const at::Tensor indices = std::get<1>(probs.topk(k)).to(at::kLong).contiguous();
  std::vector<ClassScore> top;
  for (int64_t i = 0; i < k; ++i) {
    const int64_t index = indices[i].item<int64_t>();
    top.push_back({index, meta.label(index), probs[index].item<float>()});
  }
  return top;
}

// The image preprocessed for the model, (1, 3, H, W) float32 on its device; crop, when given, receives the
// region of the image the model sees.
at::Tensor modelInput(const Engine::Impl& impl, const cv::Mat& rgb, cv::Rect2d* crop = nullptr);

// Logits (1, classes), or undefined for a model without a head, as a Classification (device, dtype, every
// probability, the top k). Throws std::runtime_error for NaN or infinite values. milliseconds is left 0.
Classification classificationOf(const Engine::Impl& impl, const at::Tensor& logits, int topk);

// Captured attention, L x (1, heads, N', N') on any device, as an AttentionSet over the patches kept.
std::shared_ptr<const AttentionSet> makeAttentionSet(const std::vector<at::Tensor>& attention, const ModelMeta& meta,
                                                     const std::vector<int>& droppedPatches);

// "class", "distillation", "register 1", ...: the prefix tokens in sequence order.
std::vector<std::string> prefixTokenNames(const VitConfig& config);

}  // namespace vitlens
