#include "analysis/faithfulness.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace vitlens {
namespace {

// Sets (or, from `source`, restores) the listed patches of each batch item: images (B, C, H, W).
void fillPatches(at::Tensor& images, int64_t item, const std::vector<int64_t>& patches, int64_t count, int64_t cols,
                 int64_t size, const at::Tensor* source) {
  for (int64_t i = 0; i < count; ++i) {
    const int64_t row = patches[static_cast<size_t>(i)] / cols;
    const int64_t col = patches[static_cast<size_t>(i)] % cols;
    at::Tensor cell = images[item].narrow(1, row * size, size).narrow(2, col * size, size);  // (C, size, size)
    if (source) {
      cell.copy_((*source)[0].narrow(1, row * size, size).narrow(2, col * size, size));
    } else {
      cell.zero_();
    }
  }
}

at::Tensor gaussianKernel(double sigma) {
  const int64_t radius = static_cast<int64_t>(std::ceil(2.0 * sigma));
  const at::Tensor offsets = at::arange(-radius, radius + 1, at::kDouble);
  const at::Tensor weights = at::exp(-(offsets * offsets) / (2.0 * sigma * sigma));
  return (weights / weights.sum()).to(at::kFloat);  // (2 radius + 1)
}

}  // namespace

std::vector<int64_t> rankPatches(const at::Tensor& map, bool descending) {
  const at::Tensor flat = map.to(at::kCPU, at::kDouble).contiguous().flatten();
  const double* values = flat.data_ptr<double>();
  std::vector<int64_t> order(static_cast<size_t>(flat.numel()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return descending ? values[a] > values[b] : values[a] < values[b]; });
  return order;
}

at::Tensor blurredInput(const at::Tensor& input) {
  const int64_t channels = input.size(1);
  const double sigma = std::max(1.0, 5.0 * static_cast<double>(std::min(input.size(2), input.size(3))) / 224.0);
  const at::Tensor kernel = gaussianKernel(sigma).to(input.device());
  const int64_t radius = (kernel.size(0) - 1) / 2;
  // Separable: rows, then columns, one channel at a time (groups = channels).
  const at::Tensor horizontal = kernel.view({1, 1, 1, -1}).repeat({channels, 1, 1, 1});  // (C, 1, 1, K)
  const at::Tensor vertical = kernel.view({1, 1, -1, 1}).repeat({channels, 1, 1, 1});    // (C, 1, K, 1)
  at::Tensor x = at::reflection_pad2d(input.to(at::kFloat), {radius, radius, 0, 0});
  const c10::optional<at::Tensor> noBias;
  const std::vector<int64_t> one{1, 1}, zero{0, 0};
  x = at::conv2d(x, horizontal, noBias, one, zero, one, channels);
  x = at::reflection_pad2d(x, {0, 0, radius, radius});
  return at::conv2d(x, vertical, noBias, one, zero, one, channels);  // (1, C, H, W)
}

PerturbationCurves perturbationCurves(VisionTransformer& model, const at::Tensor& input, const at::Tensor& map,
                                      int64_t label, const std::vector<double>& steps, int64_t tracked) {
  const VitConfig& config = model->config();
  if (!config.hasHead()) throw std::invalid_argument("this model has no classifier head: nothing to perturb");
  if (map.dim() != 2 || map.size(0) != config.gridHeight() || map.size(1) != config.gridWidth()) {
    throw std::invalid_argument("the map does not match the model's patch grid");
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    if (!(steps[i] > 0.0 && steps[i] < 1.0) || (i > 0 && steps[i] <= steps[i - 1])) {
      throw std::invalid_argument("steps must rise strictly within (0, 1)");
    }
  }
  c10::InferenceMode inference;
  const at::Tensor image = input.narrow(0, 0, 1).to(at::kFloat);  // (1, C, H, W)
  const int64_t patches = config.numPatches();
  const int64_t cols = config.gridWidth();
  const int64_t size = config.patchSize;
  PerturbationCurves curves;
  curves.x.push_back(0.0);
  curves.x.insert(curves.x.end(), steps.begin(), steps.end());
  const auto removed = [&](double s) { return static_cast<int64_t>(std::floor(s * static_cast<double>(patches))); };
  const std::vector<int64_t> top = rankPatches(map, true);
  const std::vector<int64_t> bottom = rankPatches(map, false);
  const int64_t points = static_cast<int64_t>(curves.x.size());
  const auto logitsOf = [&](const at::Tensor& images) {  // (points, classes), float32 on the CPU
    return model->forward(images).logits.to(at::kCPU, at::kFloat);
  };

  at::Tensor deleted = image.repeat({points, 1, 1, 1});  // (points, C, H, W)
  at::Tensor kept = image.repeat({points, 1, 1, 1});
  const at::Tensor blurred = blurredInput(image);
  at::Tensor inserted = blurred.repeat({points, 1, 1, 1});
  for (int64_t p = 0; p < points; ++p) {
    const int64_t count = removed(curves.x[static_cast<size_t>(p)]);
    fillPatches(deleted, p, top, count, cols, size, nullptr);
    fillPatches(kept, p, bottom, count, cols, size, nullptr);
    fillPatches(inserted, p, top, count, cols, size, &image);
  }
  const at::Tensor deletedLogits = logitsOf(deleted);  // row 0: the unchanged image
  const int64_t predicted = tracked >= 0 ? tracked : deletedLogits[0].argmax().item<int64_t>();
  const at::Tensor deletedProbs = at::softmax(deletedLogits, -1).select(1, predicted).contiguous();
  const at::Tensor keptLogits = logitsOf(kept);
  const at::Tensor insertedProbs = at::softmax(logitsOf(inserted), -1).select(1, predicted).contiguous();
  for (int64_t p = 0; p < points; ++p) {
    curves.positive.push_back(deletedLogits[p].argmax().item<int64_t>() == label ? 1.0 : 0.0);
    curves.negative.push_back(keptLogits[p].argmax().item<int64_t>() == label ? 1.0 : 0.0);
    curves.deletion.push_back(deletedProbs[p].item<double>());
    curves.insertion.push_back(insertedProbs[p].item<double>());
  }
  return curves;
}

}  // namespace vitlens
