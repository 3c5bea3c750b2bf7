#include "util/image_folder_scan.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <system_error>

namespace vitlens {
namespace {

namespace fs = std::filesystem;

bool isImageFile(const fs::path& path) { return isImageFileName(path.string()); }

bool isHidden(const fs::path& path) { return !path.filename().empty() && path.filename().string()[0] == '.'; }

}  // namespace

bool isImageFileName(const std::string& path) {
  static const std::set<std::string> kExtensions = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"};
  std::string extension = fs::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kExtensions.count(extension) > 0;
}

ImageFolder scanImageFolder(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) throw DatasetError(root + ": not a folder");
  ImageFolder folder;
  folder.root = root;
  // error_code overloads throughout: a folder that vanishes or turns unreadable mid-scan gives "path: reason", not
  // libstdc++'s "filesystem error: directory iterator cannot open directory".
  const auto failed = [](const fs::path& path, const std::error_code& code) {
    return DatasetError(path.string() + ": cannot list the folder (" + code.message() + ")");
  };
  fs::directory_iterator classes(root, error);
  if (error) throw failed(root, error);
  for (const auto& entry : classes) {
    if (entry.is_directory(error) && !isHidden(entry.path()))
      folder.classes.push_back(entry.path().filename().string());
  }
  if (folder.classes.empty()) throw DatasetError(root + ": no class folders (expected " + root + "/<class>/<image>)");
  std::sort(folder.classes.begin(), folder.classes.end());
  for (size_t label = 0; label < folder.classes.size(); ++label) {
    const fs::path classDir = fs::path(root) / folder.classes[label];
    std::vector<std::string> files;
    fs::directory_iterator images(classDir, error);
    if (error) throw failed(classDir, error);
    for (auto it = fs::begin(images); it != fs::end(images); it.increment(error)) {
      if (error) throw failed(classDir, error);
      const fs::directory_entry& entry = *it;
      if (entry.is_regular_file(error) && !isHidden(entry.path()) && isImageFile(entry.path())) {
        files.push_back(entry.path().string());
      }
    }
    if (error) throw failed(classDir, error);
    if (files.empty()) throw DatasetError(classDir.string() + ": class folder holds no images");
    std::sort(files.begin(), files.end());
    for (auto& file : files) {
      folder.files.push_back(std::move(file));
      folder.labels.push_back(static_cast<int64_t>(label));
    }
  }
  return folder;
}

std::vector<std::string> listImagesRecursively(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) throw DatasetError(root + ": not a folder");
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  if (error) throw DatasetError(root + ": cannot list the folder (" + error.message() + ")");
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) throw DatasetError(root + ": cannot list the folder (" + error.message() + ")");
    const fs::directory_entry& entry = *it;
    if (isHidden(entry.path())) {
      if (entry.is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(error) && isImageFile(entry.path())) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace vitlens
