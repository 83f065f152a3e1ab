// store_add27: computes %27 (char_lstm.cell:16)
// one thread per element of [T, B, 1024]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1024u * sizes.B * sizes.T) { return; }
  let i2 = id % 1024u;
  let rest = id / 1024u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul26 = work_buf[2626u * sizes.B * sizes.T + 2560u * sizes.B + ((i0) * sizes.B + i1) * 1024u + i2];
  let rnn_bias_ih_l1 = params_buf[874881u + i2];
  let add27 = (matmul26 + rnn_bias_ih_l1);
  work_buf[3650u * sizes.B * sizes.T + 2560u * sizes.B + ((i0) * sizes.B + i1) * 1024u + i2] = add27;
}
