#pragma once
// Attention's two matrix products straight to a row-major sgemm (model/cpu_gemm.h: oneDNN's or BLAS's), one call per
// image and head, reading q, k and v where the qkv Linear left them and writing A V with the heads side by side, as
// proj reads it. For the CPU in float32 without gradients; everything else takes ATen's bmm (attention.cpp). Why:
// LibTorch 1.13's bmm loops over batch x heads with a select and a checked addmm each, and the (B, heads, N,
// head_dim) views need reshapes and, after A V, a transposing copy; at cifar-seed's sizes that overhead was a third
// of the attention's time (C++ loop, one thread, Zen 4: q k^T, softmax and A V of one layer 50 us through ATen, 34 us
// direct). Through BLAS the results are bit-identical to the bmm path's (the same sgemm does the sums); through
// oneDNN they differ from it by float32 rounding.
#include <ATen/core/Tensor.h>

namespace vitlens {

// True when blasScaledScores / blasWeightedValues can run on this qkv: a CPU float32 contiguous (B, N, 3D) tensor,
// gradients off, and an sgemm in the process that passed a check product. VITLENS_BLAS_ATTENTION=0 turns the
// path off (for measuring it against ATen's).
bool blasAttentionApplies(const at::Tensor& qkv);

// qkv (B, N, 3D) with q, k, v each (heads x head_dim) wide -> (B, heads, N, N) scores q k^T * scale.
at::Tensor blasScaledScores(const at::Tensor& qkv, int64_t heads, double scale);

// probs (B, heads, N, N), qkv (B, N, 3D) -> (B, N, D): each head's A V in its head_dim columns.
at::Tensor blasWeightedValues(const at::Tensor& probs, const at::Tensor& qkv, int64_t heads);

}  // namespace vitlens
