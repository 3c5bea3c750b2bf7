#pragma once
// Position embeddings for an input size other than the trained one: the patch rows are interpolated bicubically
// on their 2-D grid (as timm's resample_abs_pos_embed and transformers' interpolate_pos_encoding do).
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace vitlens {

// posEmbed: (1, prefixRows + oldRows * oldCols, D). The prefix rows (class, distillation, register tokens) are
// kept as they are. antialias: timm resamples with antialias=True, transformers without; it changes the bicubic
// kernel even when enlarging. Returns (1, prefixRows + newRows * newCols, D) float32.
at::Tensor resamplePositionEmbedding(const at::Tensor& posEmbed, int64_t prefixRows, int64_t oldRows, int64_t oldCols,
                                     int64_t newRows, int64_t newCols, bool antialias);

}  // namespace vitlens
