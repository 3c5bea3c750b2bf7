#include "model/block.h"

namespace vitlens {

BlockImpl::BlockImpl(const VitConfig& config) {
  const auto normOptions = torch::nn::LayerNormOptions({config.embedDim}).eps(config.layerNormEps);
  norm1 = register_module("norm1", torch::nn::LayerNorm(normOptions));
  attn = register_module("attn", Attention(config));
  norm2 = register_module("norm2", torch::nn::LayerNorm(normOptions));
  mlp = register_module("mlp", Mlp(config));
}

torch::Tensor BlockImpl::forward(const torch::Tensor& x, torch::Tensor* probsOut) {
  auto y = x + attn->forward(norm1->forward(x), probsOut);  // (B, N, D)
  return y + mlp->forward(norm2->forward(y));               // (B, N, D)
}

}  // namespace vitlens
