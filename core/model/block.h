#pragma once
// One pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)) (timm's Block).
#include <torch/nn/module.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "model/attention.h"
#include "model/mlp.h"
#include "model/vit_config.h"

namespace vitlens {

class BlockImpl : public torch::nn::Module {
 public:
  explicit BlockImpl(const VitConfig& config);

  // (B, N, D) -> (B, N, D); probsOut as in Attention::forward.
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* probsOut = nullptr);

  torch::nn::LayerNorm norm1{nullptr};
  Attention attn{nullptr};
  torch::nn::LayerNorm norm2{nullptr};
  Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

}  // namespace vitlens
