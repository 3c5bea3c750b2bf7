#pragma once
// The images of a folder as a strip of thumbnails; next / previous walk through them.
#include <QListWidget>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

namespace vitlens::ui {

class Filmstrip : public QListWidget {
  Q_OBJECT

 public:
  explicit Filmstrip(QWidget* parent = nullptr);
  ~Filmstrip() override;

  // Lists the folder's images by name; thumbnails fill in progressively. Returns how many were found.
  int setFolder(const QString& folder);
  // Lists these images, in this order, each captioned (e.g. "cat → dog 62 %"); folder() is then `title`.
  int setPaths(const QStringList& paths, const QStringList& captions, const QString& title);
  QString folder() const { return folder_; }
  QStringList paths() const { return paths_; }
  // Highlights a path without activating it (when the image came from elsewhere).
  void setCurrentPath(const QString& path);
  // Moves the selection and activates the image; false at either end or when empty.
  bool step(int delta);

  static QStringList imageNameFilters();

 Q_SIGNALS:
  void imageActivated(const QString& path);

 private:
  void loadSomeThumbnails();
  void addItems(const QStringList& paths, const QStringList& captions);

  QString folder_;
  QStringList paths_;
  int nextThumbnail_ = 0;
  QTimer thumbnailTimer_;
  // Thumbnails decode here, one at a time, off the GUI thread; a new list bumps the generation so late results of
  // the old one are dropped.
  QThreadPool thumbnailPool_;
  quint64 generation_ = 0;
  bool thumbnailInFlight_ = false;
};

}  // namespace vitlens::ui
