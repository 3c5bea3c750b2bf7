#pragma once
// Row-major float32 matrix products on the CPU, straight to the fastest library found in the process at run time:
// oneDNN's dnnl_sgemm where its threads are LibTorch's pool and that pool has at least OpenBLAS's share of the
// cores, otherwise BLAS's Fortran sgemm_ (OpenBLAS in Debian's LibTorch). Why: at the small sizes of narrow models
// OpenBLAS spends much of each call packing its operands; oneDNN's kernels do not (C++ loop, one thread, AMD EPYC
// Zen 3 with AVX2: cifar-seed's qkv product 65x48 by 48x144 took 18-23 us in OpenBLAS and 11.5-15.4 in oneDNN,
// fc2's 65x192 by 192x48 19-26 against 14-20, one head's q k^T 3.8 against 2.5; at ViT-B/16's sizes oneDNN was
// 7-12 % slower at batch 1 and 2 % faster at batch 16). oneDNN runs on LibTorch's OpenMP pool, so with vitlens's
// float32 split for wide models (OpenBLAS the cores, LibTorch one thread) those products stay in OpenBLAS. Both
// libraries are looked up with dlsym and must first pass a check product, so a build without them (or with another
// calling convention) simply takes ATen's path. The two libraries round differently (their sums run in another order),
// so results differ in the last bits between them; with the same library and threads, two calls give the same bits.
// Linears with weights above kMaxOneDnnLinearWeight elements keep OpenBLAS even where its pool is no larger: only
// narrow models' sizes were measured faster (ViT-B/16's were not, on one thread).
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace vitlens {

// Which library rowMajorSgemm calls right now (on this thread's LibTorch pool size).
enum class CpuGemm { None, Blas, OneDnn };
CpuGemm cpuGemmInUse();
const char* cpuGemmName(CpuGemm gemm);  // "oneDNN", "BLAS", "ATen"

// Largest weight (out x in elements) a Linear sends to oneDNN: a model narrower than 128 with a 4x MLP.
constexpr int64_t kMaxOneDnnLinearWeight = 128 * 512;

// C (m x n, row stride ldc) = alpha * op(A) op(B) + beta * C, all row-major; op(X) = X or X^T as transA / transB
// say; m, n, k at least 1. Returns false (C untouched) when no library was found; throws std::runtime_error when
// oneDNN refuses the product (out of memory) and there is no BLAS to fall back to.
bool rowMajorSgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                   const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

// True when gemmLinear can run x (*, in) by weight (out, in): CPU float32 contiguous input, gradients off, a float32
// weight stored either way round (contiguous, or the transpose of a contiguous (in, out) matrix as setComputeDtype
// leaves it) of at most kMaxOneDnnLinearWeight elements, and oneDNN in use (OpenBLAS alone is what at::linear
// already calls).
bool gemmLinearApplies(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

// x (*, in) -> (*, out) = x weight^T + bias, as at::linear.
at::Tensor gemmLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

// For measuring and testing: false turns oneDNN's products off (BLAS or ATen then), true back on where it applies.
// VITLENS_ONEDNN_GEMM=0 at start-up turns it off too.
void setOneDnnGemmAllowed(bool allowed);
bool oneDnnGemmAllowed();

}  // namespace vitlens
