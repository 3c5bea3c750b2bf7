#pragma once
// Cosine similarity between the learned position embeddings of the patches (ViT paper, Figure 7 centre): a
// trained model's patch embeddings are most similar to their own row and column neighbours.
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace vitlens {

// posEmbed: (1, prefixTokens + P, D) or (1, P, D) when the prefix tokens carry no position embedding;
// the last `patches` tokens are the patch grid. Returns (P, P) float32 on the CPU, entry (i, j) the cosine
// similarity of patch i's and patch j's embeddings.
at::Tensor positionEmbeddingSimilarity(const at::Tensor& posEmbed, int64_t patches);

}  // namespace vitlens
