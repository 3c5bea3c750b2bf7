#include "training/objective.h"

#include <torch/nn/functional/loss.h>

#include <algorithm>
#include <cmath>

namespace vitlens {

double LrSchedule::at(int64_t step) const {
  // Warm-up starts above zero so the first step already moves the weights.
  if (step < warmupSteps) return peak * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
  const int64_t decaySteps = std::max<int64_t>(1, totalSteps - warmupSteps - 1);
  const double progress = std::min(1.0, static_cast<double>(step - warmupSteps) / static_cast<double>(decaySteps));
  return minLr + 0.5 * (peak - minLr) * (1.0 + std::cos(M_PI * progress));
}

int64_t ohemKeepCount(int64_t batch, double fraction) {
  const auto keep = static_cast<int64_t>(std::ceil(fraction * static_cast<double>(batch) - 1e-9));
  return std::clamp<int64_t>(keep, 1, std::max<int64_t>(1, batch));
}

at::Tensor hardestExamples(const at::Tensor& perSample, double fraction) {
  const int64_t keep = ohemKeepCount(perSample.size(0), fraction);
  // Gradients flow only through the kept samples; the choice itself is not differentiated.
  return std::get<1>(perSample.detach().topk(keep, 0, /*largest=*/true, /*sorted=*/true));  // (K)
}

at::Tensor trainingLoss(const at::Tensor& logits, const at::Tensor& targets, const LossOptions& options) {
  namespace F = torch::nn::functional;
  auto crossEntropy = F::CrossEntropyFuncOptions().reduction(torch::kNone).label_smoothing(options.labelSmoothing);
  if (options.classWeights.defined()) crossEntropy.weight(options.classWeights);
  at::Tensor perSample = F::cross_entropy(logits, targets, crossEntropy);  // (B), already scaled by w[target]
  at::Tensor kept = targets;
  if (options.ohemFraction < 1.0) {
    const at::Tensor hardest = hardestExamples(perSample, options.ohemFraction);  // (K)
    perSample = perSample.index_select(0, hardest);
    kept = targets.index_select(0, hardest);
  }
  if (!options.classWeights.defined()) return perSample.mean();
  return perSample.sum() / options.classWeights.index_select(0, kept).sum();
}

}  // namespace vitlens
