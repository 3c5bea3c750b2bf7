#pragma once
// One pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)), each branch optionally scaled
// per channel (timm's Block).
#include <torch/nn/module.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "model/attention.h"
#include "model/mlp.h"
#include "model/vit_config.h"

namespace vitlens {

// timm's LayerScale: x * gamma, one learned scale per channel (CaiT, DeiT III, DINOv2).
class LayerScaleImpl : public torch::nn::Module {
 public:
  explicit LayerScaleImpl(int64_t dim);
  torch::Tensor forward(const torch::Tensor& x) { return x * gamma; }
  torch::Tensor gamma;  // (D)
};
TORCH_MODULE(LayerScale);

class BlockImpl : public torch::nn::Module {
 public:
  explicit BlockImpl(const VitConfig& config);

  // (B, N, D) -> (B, N, D); probsOut and headMask as in Attention::forward.
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* probsOut = nullptr,
                        const torch::Tensor* headMask = nullptr);

  torch::nn::LayerNorm norm1{nullptr};
  Attention attn{nullptr};
  torch::nn::LayerNorm norm2{nullptr};
  Mlp mlp{nullptr};
  LayerScale ls1{nullptr};  // null unless config.layerScale
  LayerScale ls2{nullptr};
};
TORCH_MODULE(Block);

}  // namespace vitlens
