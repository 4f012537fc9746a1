import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ABSOLUTE_PATHS, relativePaths } from '../../../src/api/path-view.js';
import { shownError } from '../../../src/api/plugins/shown-paths.plugin.js';

// Folders that do not exist: their real paths are their own.
const view = relativePaths(['/srv/tokenscope-test/data', '/mnt/tokenscope-test/extra'], '/srv/tokenscope-test/data/models');

describe('relativePaths', () => {
  it('shows a path below a root as <root N>/…, the models folder (inside a root) as <models>/…', () => {
    assert.equal(view.path('/srv/tokenscope-test/data/mixtures/a.wav'), '<root 1>/mixtures/a.wav');
    assert.equal(view.path('/mnt/tokenscope-test/extra/b.flac'), '<root 2>/b.flac');
    assert.equal(view.path('/srv/tokenscope-test/data'), '<root 1>');
    assert.equal(view.path('/srv/tokenscope-test/data/models/m/manifest.json'), '<models>/m/manifest.json');
  });

  it('shows a path outside every folder by its file name, and a relative one as it is', () => {
    assert.equal(view.path('/home/someone/secret/c.wav'), '<outside the data roots>/c.wav');
    assert.equal(view.path('/srv/tokenscope-test/database/x.wav'), '<outside the data roots>/x.wav', 'a sibling whose name starts like a root');
    assert.equal(view.path('mixtures/a.wav'), 'mixtures/a.wav');
  });

  it('rewrites the folders inside a message, not names that merely start like them', () => {
    assert.equal(
      view.text('x.wav: outside the data roots (/srv/tokenscope-test/data, /mnt/tokenscope-test/extra)'),
      'x.wav: outside the data roots (<root 1>, <root 2>)',
    );
    assert.equal(view.text('/srv/tokenscope-test/data/a b.wav: cannot read.'), '<root 1>/a b.wav: cannot read.');
    assert.equal(view.text('see /srv/tokenscope-test/database/x and /srv/tokenscope-test/data.'), 'see /srv/tokenscope-test/database/x and <root 1>.');
  });

  it('hides the given absolute paths that lie outside every folder', () => {
    assert.equal(
      view.text('a.wav: resolves (through a symlink) to /home/someone/secret/c.wav, outside the data roots', ['/home/someone/secret/c.wav']),
      'a.wav: resolves (through a symlink) to <outside the data roots>, outside the data roots',
    );
  });

  it('leaves text alone for a root of / rather than labelling every slash', () => {
    assert.equal(relativePaths(['/'], '/models-nowhere').text('a/b and /c'), 'a/b and /c');
    assert.equal(relativePaths(['/'], '/models-nowhere').path('/c/d.wav'), '<root 1>/c/d.wav');
  });

  it('shows everything as it is to a trusted caller', () => {
    assert.equal(ABSOLUTE_PATHS.path('/srv/tokenscope-test/data/a.wav'), '/srv/tokenscope-test/data/a.wav');
    assert.equal(ABSOLUTE_PATHS.text('/srv/tokenscope-test/data/a.wav: bad'), '/srv/tokenscope-test/data/a.wav: bad');
  });
});

describe('shownError', () => {
  it('shows a PATH_OUTSIDE_ROOTS error without the roots or the symlink target, in its message or extensions', () => {
    const error = {
      message: '/srv/tokenscope-test/data/link.wav: resolves (through a symlink) to /etc/tokenscope-secret.wav, outside the data roots',
      extensions: { code: 'PATH_OUTSIDE_ROOTS', kind: 'FORBIDDEN', path: '/srv/tokenscope-test/data/link.wav', roots: ['/srv/tokenscope-test/data', '/mnt/tokenscope-test/extra'], target: '/etc/tokenscope-secret.wav' },
    };
    assert.deepEqual(shownError(error, view), {
      message: '<root 1>/link.wav: resolves (through a symlink) to <outside the data roots>, outside the data roots',
      extensions: { code: 'PATH_OUTSIDE_ROOTS', kind: 'FORBIDDEN', path: '<root 1>/link.wav', roots: ['<root 1>', '<root 2>'], target: '<outside the data roots>' },
    });
  });

  it('shows a model error without the models folder', () => {
    const error = { message: "no model 'x' in /srv/tokenscope-test/data/models (registered: m)", extensions: { code: 'NOT_FOUND', kind: 'NOT_FOUND', id: 'x' } };
    assert.equal(shownError(error, view).message, "no model 'x' in <models> (registered: m)");
  });
});
