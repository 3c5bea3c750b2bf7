#pragma once
// Image-folder data sets (ROOT/<class>/<image>): scanning, decoding into one uint8 tensor, and the index-level
// choices a training run makes on them (hold-out split, long-tailed subset, class weights, channel statistics).
#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/image_folder_scan.h"  // DatasetError, ImageFolder, scanImageFolder

namespace vitlens {

// What a model's provenance records about its data, without the machine's paths: the data set's name (the folder
// above train/, or the folder itself), "N images in C classes", and a checksum of the file list so two runs can
// tell whether they saw the same files: FNV-1a 64 over "<class>/<file name>\n" for every file in scan order.
// For example "cifar10/train: 50000 images in 10 classes, file list fnv1a64 6c0c8f7d2b1e4a90".
std::string describeImageFolder(const ImageFolder& folder);

struct ImageSet {
  at::Tensor images;  // (N, H, W, 3) uint8 RGB at the model input size
  at::Tensor labels;  // (N) int64
  int64_t size() const { return images.defined() ? images.size(0) : 0; }
};

// Decodes files[indices] with `threads` std::threads. Images of another size go through the engine's
// preprocessing geometry (shorter side resized, centre crop). Throws DatasetError naming the first bad file.
ImageSet decodeImages(const ImageFolder& folder, const std::vector<int64_t>& indices, int height, int width,
                      int threads);

struct Split {
  std::vector<int64_t> train;  // ascending indices
  std::vector<int64_t> val;    // ascending indices
};
// A fixed, seeded hold-out of `holdout` indices out of [0, count). Throws DatasetError when holdout >= count.
Split holdoutSplit(int64_t count, int64_t holdout, uint64_t seed);

// Long-tailed subset of `indices` (labels[index] gives the class): class i keeps
// round(n_max * ratio^(-i / (C - 1))) of its images (at least 1, at most what it has), n_max being the largest
// class count, chosen at random with `seed`. Returned ascending.
std::vector<int64_t> imbalancedSubset(const std::vector<int64_t>& indices, const std::vector<int64_t>& labels,
                                      int64_t numClasses, double ratio, uint64_t seed);
// Images kept per class by imbalancedSubset when class counts are `counts`.
std::vector<int64_t> imbalancedCounts(const std::vector<int64_t>& counts, double ratio);

// Cross-entropy class weights N / N_i over `labels` (classes absent from labels get weight 0).
std::vector<double> classWeights(const std::vector<int64_t>& labels, int64_t numClasses);

struct ChannelStats {
  std::array<float, 3> mean{};    // RGB in [0, 1] units
  std::array<float, 3> stddev{};  // population standard deviation, RGB in [0, 1] units
};
ChannelStats channelStats(const at::Tensor& images);  // images: (N, H, W, 3) uint8

}  // namespace vitlens
