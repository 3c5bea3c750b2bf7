#include "analysis/rollout.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vitlens {

at::Tensor rolloutStep(const at::Tensor& fusedAttention, double discardRatio) {
  if (!(discardRatio >= 0.0 && discardRatio < 1.0)) {
    throw std::invalid_argument("discard ratio must be in [0, 1)");
  }
  at::Tensor fused = fusedAttention.to(at::kFloat).clone();  // (N, N)
  const int64_t tokens = fused.size(0);
  const at::Tensor eye = at::eye(tokens, fused.options());
  if (discardRatio > 0.0) {
    // vit-explain drops the weakest links, but never a token's attention to itself, so no row can become empty.
    const int64_t discard = static_cast<int64_t>(std::floor(discardRatio * static_cast<double>(tokens * tokens)));
    if (discard > 0) {
      const at::Tensor candidates = fused.masked_fill(eye.to(at::kBool), INFINITY).flatten();  // (N*N)
      const at::Tensor lowest = std::get<1>(candidates.topk(std::min(discard, tokens * tokens - tokens), -1, false));
      fused.view({-1}).index_fill_(0, lowest, 0.0);
    }
  }
  at::Tensor factor = (fused + eye) / 2.0;
  return factor / factor.sum(-1, true);
}

at::Tensor rolloutFactor(const at::Tensor& layerAttention, HeadReduce fusion, double discardRatio) {
  if (fusion == HeadReduce::Single) throw std::invalid_argument("rollout fuses heads: use mean, max or min");
  return rolloutStep(fuseHeads(layerAttention.to(at::kFloat), HeadSelection{fusion, 0}), discardRatio);
}

at::Tensor rolloutMatrix(const std::vector<at::Tensor>& attention, HeadReduce fusion, double discardRatio,
                         int64_t batchIndex) {
  if (attention.empty()) throw std::invalid_argument("rollout needs captured attention");
  at::Tensor result;
  for (const at::Tensor& layerAttention : attention) {  // each (B, heads, N, N)
    if (batchIndex < 0 || batchIndex >= layerAttention.size(0)) throw std::out_of_range("batch index out of range");
    const at::Tensor factor = rolloutFactor(layerAttention[batchIndex], fusion, discardRatio);
    // Later layers act on what earlier layers mixed: R = A_L ... A_2 A_1.
    result = result.defined() ? at::matmul(factor, result) : factor;
  }
  return result;
}

at::Tensor attentionRollout(const std::vector<at::Tensor>& attention, HeadReduce fusion, double discardRatio,
                            const TokenLayout& layout, int64_t batchIndex) {
  return readMap(rolloutMatrix(attention, fusion, discardRatio, batchIndex), layout);  // (rows, cols)
}

}  // namespace vitlens
