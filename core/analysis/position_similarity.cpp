#include "analysis/position_similarity.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

namespace vitlens {

at::Tensor positionEmbeddingSimilarity(const at::Tensor& posEmbed, int64_t patches) {
  if (posEmbed.dim() != 3 || posEmbed.size(0) != 1 || posEmbed.size(1) < patches || patches <= 0) {
    throw std::invalid_argument("position embedding of shape " + std::to_string(posEmbed.dim()) + "-D does not hold " +
                                std::to_string(patches) + " patch tokens");
  }
  const int64_t tokens = posEmbed.size(1);
  const at::Tensor grid = posEmbed[0].slice(0, tokens - patches, tokens).to(at::kCPU, at::kDouble);  // (P, D)
  const at::Tensor unit = grid / grid.norm(2, {1}, true).clamp_min(1e-12);                           // (P, D)
  return unit.matmul(unit.t()).to(at::kFloat).contiguous();                                          // (P, P)
}

}  // namespace vitlens
