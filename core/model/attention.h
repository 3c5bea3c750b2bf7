#pragma once
// Multi-head self-attention with a fused q/k/v projection (timm's Attention).
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "model/vit_config.h"

namespace vitlens {

class AttentionImpl : public torch::nn::Module {
 public:
  explicit AttentionImpl(const VitConfig& config);

  // x: (B, N, D) -> (B, N, D). With probsOut, takes the explicit softmax(q k^T * scale) path and stores the
  // probabilities (B, heads, N, N) there; without, uses the cheapest kernel available. headMask (heads), when
  // given, scales each head's slice of A V before the output projection: 0 ablates that head; (B, heads) masks
  // each image of the batch on its own.
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* probsOut = nullptr,
                        const torch::Tensor* headMask = nullptr);

  torch::nn::Linear qkv{nullptr};   // D -> 3D
  torch::nn::Linear proj{nullptr};  // D -> D

 private:
  int64_t numHeads_;
  int64_t headDim_;
  double scale_;  // head_dim^-0.5
};
TORCH_MODULE(Attention);

}  // namespace vitlens
