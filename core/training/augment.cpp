#include "training/augment.h"

#include <ATen/ops/empty_like.h>

#include <algorithm>
#include <cstring>

namespace vitlens {

void shiftFlipImage(const uint8_t* src, uint8_t* dst, int64_t height, int64_t width, int dy, int dx, bool flip) {
  for (int64_t y = 0; y < height; ++y) {
    uint8_t* out = dst + y * width * 3;
    const int64_t sy = y + dy;
    if (sy < 0 || sy >= height) {
      std::memset(out, 0, static_cast<size_t>(width * 3));
      continue;
    }
    const uint8_t* row = src + sy * width * 3;
    for (int64_t x = 0; x < width; ++x) {
      // Flip first, then shift: the crop window is placed on the mirrored image, as torchvision's
      // RandomCrop followed by RandomHorizontalFlip gives the same distribution.
      const int64_t sx = (flip ? width - 1 - x : x) + dx;
      if (sx < 0 || sx >= width) {
        out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = 0;
      } else {
        std::memcpy(out + 3 * x, row + 3 * sx, 3);
      }
    }
  }
}

at::Tensor augmentBatch(const at::Tensor& batch, const AugmentOptions& options, std::mt19937& rng) {
  const at::Tensor input = batch.contiguous();  // (B, H, W, 3)
  at::Tensor output = at::empty_like(input);    // (B, H, W, 3)
  const int64_t count = input.size(0), height = input.size(1), width = input.size(2);
  const int64_t imageBytes = height * width * 3;
  const uint8_t* src = input.data_ptr<uint8_t>();
  uint8_t* dst = output.data_ptr<uint8_t>();
  const int pad = std::max(0, options.cropPad);
  std::uniform_int_distribution<int> shift(-pad, pad);
  std::bernoulli_distribution coin(0.5);
  for (int64_t i = 0; i < count; ++i) {
    // Always draw all three, so switching one augmentation off does not change the others' random stream.
    const int dy = shift(rng);
    const int dx = shift(rng);
    const bool flip = coin(rng) && options.flip;
    shiftFlipImage(src + i * imageBytes, dst + i * imageBytes, height, width, dy, dx, flip);
  }
  return output;
}

}  // namespace vitlens
