#include "model/patch_embed.h"

namespace vitlens {

PatchEmbedImpl::PatchEmbedImpl(const VitConfig& config) {
  proj = register_module("proj",
                         torch::nn::Conv2d(torch::nn::Conv2dOptions(config.channels, config.embedDim, config.patchSize)
                                               .stride(config.patchSize)
                                               .bias(true)));
}

torch::Tensor PatchEmbedImpl::forward(const torch::Tensor& images) {
  auto x = proj->forward(images);       // (B, D, H / P, W / P)
  return x.flatten(2).transpose(1, 2);  // (B, N, D)
}

}  // namespace vitlens
