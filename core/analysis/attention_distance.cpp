#include "analysis/attention_distance.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

namespace vitlens {
namespace {

// (P', P') Euclidean distances between the centres of the patches present, in grid steps.
at::Tensor patchDistances(const TokenLayout& layout) {
  at::Tensor patches = at::arange(layout.gridRows * layout.gridCols, at::kLong);       // (P), row-major
  if (layout.dropped()) patches = at::tensor(layout.keptPatches, at::kLong);           // (P')
  const at::Tensor rows = at::div(patches, layout.gridCols, "floor").to(at::kDouble);  // (P')
  const at::Tensor cols = at::remainder(patches, layout.gridCols).to(at::kDouble);     // (P')
  const at::Tensor dr = rows.unsqueeze(1) - rows.unsqueeze(0);                         // (P, P)
  const at::Tensor dc = cols.unsqueeze(1) - cols.unsqueeze(0);                         // (P, P)
  return (dr * dr + dc * dc).sqrt();
}

}  // namespace

at::Tensor meanAttentionDistance(const std::vector<at::Tensor>& attention, const TokenLayout& layout,
                                 double patchPixels, int64_t batchIndex) {
  const int64_t patches = layout.patchTokens();
  // On the attention's device: only the (L, H) result comes back to the host.
  const c10::Device device = attention.empty() ? c10::Device(c10::kCPU) : attention.front().device();
  const at::Tensor distances = (patchDistances(layout) * patchPixels).to(device);  // (P, P)
  std::vector<at::Tensor> perLayer;
  perLayer.reserve(attention.size());
  for (size_t layer = 0; layer < attention.size(); ++layer) {
    const at::Tensor& layerAttention = attention[layer];  // (B, heads, N, N)
    if (layerAttention.dim() != 4 || layerAttention.size(2) != layout.tokens() ||
        layerAttention.size(3) != layout.tokens()) {
      throw std::invalid_argument("layer " + std::to_string(layer) + ": attention does not match the token layout");
    }
    if (batchIndex < 0 || batchIndex >= layerAttention.size(0)) throw std::out_of_range("batch index out of range");
    const at::Tensor patchToPatch = layerAttention[batchIndex]
                                        .to(at::kDouble)
                                        .slice(1, layout.prefixTokens, layout.prefixTokens + patches)
                                        .slice(2, layout.prefixTokens, layout.prefixTokens + patches);  // (H, P, P)
    const at::Tensor mass = patchToPatch.sum(2).clamp_min(1e-12);                                       // (H, P)
    const at::Tensor perQuery = (patchToPatch * distances.unsqueeze(0)).sum(2) / mass;                  // (H, P)
    perLayer.push_back(perQuery.mean(1));                                                               // (H)
  }
  if (perLayer.empty()) return at::zeros({0, 0}, at::kDouble);
  return at::stack(perLayer).to(at::kCPU);  // (L, H)
}

}  // namespace vitlens
