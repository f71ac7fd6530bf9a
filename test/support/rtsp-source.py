# A local RTSP test camera (GStreamer's RTSP server): a moving test pattern with the wall clock, H.264, on 127.0.0.1.
# Usage: python3 rtsp-source.py <port> [path] [width] [height] [fps]. Prints "ready" once it listens.
# SIGUSR1 switches the picture between the moving ball and plain white: a visible change whose arrival in a
# browser measures the latency from source to screen.
import signal
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib  # noqa: E402

Gst.init(None)
port = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else '/camera'
width, height, fps = (sys.argv[3:6] + ['640', '360', '15'][len(sys.argv[3:6]):])[:3]

server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
# key-int-max = fps: a keyframe every second, like a camera with a 1 s GOP.
factory.set_launch(
    f'( videotestsrc name=src is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 '
    f'! clockoverlay font-desc="Sans 20" time-format="%H:%M:%S" halignment=right valignment=bottom ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate=600 '
    f'! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )')
factory.set_shared(True)
sources = []
factory.connect('media-configure', lambda _f, media: sources.append(media.get_element().get_by_name('src')))


def toggle_pattern():
    for src in sources:
        src.set_property('pattern', 'white' if src.get_property('pattern') != 3 else 'ball')
    return GLib.SOURCE_CONTINUE


GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGUSR1, toggle_pattern)
server.get_mount_points().add_factory(path, factory)
if server.attach(None) == 0:
    print('could not listen', flush=True)
    sys.exit(1)
print('ready', flush=True)
GLib.MainLoop().run()
