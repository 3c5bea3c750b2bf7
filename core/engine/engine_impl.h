#pragma once
// What engine.cpp and engine_experiments.cpp share: the Engine's state and the steps every entry point takes
// (the image as the model's input, logits as a Classification). Private to core/engine: includes LibTorch.
#include <ATen/ATen.h>
#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "model/model_source.h"

namespace vitlens {

struct Engine::Impl {
  LoadedModel loaded;
  ComputeDtype dtype = ComputeDtype::Float32;
  ComputeDtype requestedDtype = ComputeDtype::Auto;
  std::string deviceName;
  std::string source;
};

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
