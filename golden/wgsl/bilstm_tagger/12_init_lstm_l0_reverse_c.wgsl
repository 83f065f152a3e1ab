// init_lstm_l0_reverse_c: initial value of c (bilstm_tagger.cell:18)
// one thread per element of [B, 48]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 48u * sizes.B) { return; }
  let i1 = id % 48u;
  let rest = id / 48u;
  let i0 = rest;
  work_buf[304u * sizes.B * sizes.T + 292u * sizes.B + 4u + (sizes.T % 2u) * 48u * sizes.B + i0 * 48u + i1] = 0.0;
}
