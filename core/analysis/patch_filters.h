#pragma once
// The learned patch-embedding filters as pictures (ViT paper, Figure 7 left).
#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

#include <vector>

namespace vitlens {

// weight: (D, 3, P, P). Each filter min-max normalised on its own, as an RGB CV_8UC3 tile of P*scale pixels
// (nearest-neighbour upscaling keeps the pixels visible).
std::vector<cv::Mat> patchFilterTiles(const at::Tensor& weight, int scale);

// The top `count` principal components of the flattened filters (cv::PCA), each rendered like a filter.
std::vector<cv::Mat> patchFilterPrincipalComponents(const at::Tensor& weight, int count, int scale);

}  // namespace vitlens
