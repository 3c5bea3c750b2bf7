#include "model/patch_embed.h"

#include <ATen/ops/thnn_conv2d.h>

#include <array>

namespace vitlens {

PatchEmbedImpl::PatchEmbedImpl(const VitConfig& config) {
  proj = register_module("proj",
                         torch::nn::Conv2d(torch::nn::Conv2dOptions(config.channels, config.embedDim, config.patchSize)
                                               .stride(config.patchSize)
                                               .bias(true)));
}

// One image on the CPU in float32: LibTorch's im2col + GEMM convolution rather than oneDNN's, whose fixed cost per
// call dominates small images (Zen 4, 3x32x32 with 4x4 patches to 48 channels: 11-15 us against 30-38 us, with 1 or
// 2 threads in either pool; ViT-B/16's 224x224 image within the noise, 0.84-1.08x). From 8 images on, oneDNN's is
// faster (cifar-seed batch 8: 1.2x, batch 64: 1.5-2x), so batches keep it. Same sums in another order (5e-6 apart).
torch::Tensor PatchEmbedImpl::forward(const torch::Tensor& images) {
  torch::Tensor x;  // (B, D, H / P, W / P)
  if (images.size(0) == 1 && images.is_cpu() && images.scalar_type() == at::kFloat &&
      proj->weight.scalar_type() == at::kFloat) {
    x = at::thnn_conv2d(images, proj->weight, proj->options.kernel_size(), proj->bias, proj->options.stride(),
                        std::array<int64_t, 2>{0, 0});  // the module's padding is 0
  } else {
    x = proj->forward(images);
  }
  return x.flatten(2).transpose(1, 2);  // (B, N, D)
}

}  // namespace vitlens
