#pragma once
// OpenBLAS chooses its kernels once, when it loads, from the CPU's model number. Debian 12's OpenBLAS 0.3.21 does
// not know CPUs newer than itself (Intel Emerald Rapids, model 207) and falls back to its SSE3 "Prescott" kernels:
// a 2048^3 float32 product ran at 40 GFLOP/s instead of 235 with the SkylakeX kernels the CPU's flags allow
// (README, "CPU speed"). OPENBLAS_CORETYPE overrides the choice, but only before the library loads, so vitlens
// re-executes itself once with it set. Free of LibTorch.
#include <string>

#include "model/compute_dtype.h"

namespace vitlens {

// The OpenBLAS core name the CPU's flags support ("SkylakeX", "Haswell") when `detected` (what OpenBLAS chose) is
// one of its pre-AVX cores, i.e. a CPU it did not recognise; "" when its choice stands.
std::string fasterBlasCore(const std::string& detected, const CpuFeatures& cpu);

// OpenBLAS's own choice (openblas_get_corename), or "" when OpenBLAS is not loaded.
std::string blasCoreName();

// Called first in main(): when OpenBLAS is loaded, OPENBLAS_CORETYPE is unset and fasterBlasCore names a core,
// sets OPENBLAS_CORETYPE and replaces the process with a fresh run of the same program and arguments
// (/proc/self/exe; VITLENS_BLAS_CORE_SET marks the second run, which never re-executes). VITLENS_BLAS_CORE=keep
// turns it off. Returns when nothing needs doing or the exec failed.
void reexecWithFasterBlasKernels(char** argv);

// One line for logs and the bench: "OpenBLAS kernels: SkylakeX (set by vitlens: OpenBLAS took this CPU for
// Prescott)", "OpenBLAS kernels: Haswell", or "" without OpenBLAS.
std::string blasKernelsText();

}  // namespace vitlens
