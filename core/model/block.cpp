#include "model/block.h"

#include <ATen/ops/ones.h>

namespace vitlens {

LayerScaleImpl::LayerScaleImpl(int64_t dim) { gamma = register_parameter("gamma", torch::ones({dim})); }

BlockImpl::BlockImpl(const VitConfig& config) {
  const auto normOptions = torch::nn::LayerNormOptions({config.embedDim}).eps(config.layerNormEps);
  norm1 = register_module("norm1", torch::nn::LayerNorm(normOptions));
  attn = register_module("attn", Attention(config));
  norm2 = register_module("norm2", torch::nn::LayerNorm(normOptions));
  mlp = register_module("mlp", Mlp(config));
  if (config.layerScale) {
    ls1 = register_module("ls1", LayerScale(config.embedDim));
    ls2 = register_module("ls2", LayerScale(config.embedDim));
  }
}

torch::Tensor BlockImpl::forward(const torch::Tensor& x, torch::Tensor* probsOut, const torch::Tensor* headMask) {
  auto attended = attn->forward(norm1->forward(x), probsOut, headMask);  // (B, N, D)
  if (ls1) attended = ls1->forward(attended);
  const auto y = x + attended;
  auto mixed = mlp->forward(norm2->forward(y));  // (B, N, D)
  if (ls2) mixed = ls2->forward(mixed);
  return y + mixed;
}

}  // namespace vitlens
