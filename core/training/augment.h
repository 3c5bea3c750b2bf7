#pragma once
// Training-time augmentation on uint8 batches: random crop from a zero-padded image and horizontal flip, the
// standard CIFAR recipe. All randomness comes from the caller's generator, so a seed fixes every batch.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <random>

namespace vitlens {

struct AugmentOptions {
  int cropPad = 4;   // zero padding on each side before the random crop; 0 disables cropping
  bool flip = true;  // mirror left-right with probability 1/2
};

// One image, H x W x 3 uint8: dst(y, x) = src(y + dy, x' + dx) where x' mirrors x when flip is set; pixels that
// fall outside src are 0 (the zero padding). dy, dx in [-pad, pad].
void shiftFlipImage(const uint8_t* src, uint8_t* dst, int64_t height, int64_t width, int dy, int dx, bool flip);

// batch: (B, H, W, 3) uint8; returns a new (B, H, W, 3) uint8 tensor.
at::Tensor augmentBatch(const at::Tensor& batch, const AugmentOptions& options, std::mt19937& rng);

}  // namespace vitlens
