// store_add10: computes %10 (lstm.cell:17)
// one thread per element of [T, B, 80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read> weight_ih_l0_times_x_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;
@group(0) @binding(3) var<storage, read_write> add10_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 80u * sizes.B * sizes.T) { return; }
  let i2 = id % 80u;
  let rest = id / 80u;
  let i1 = rest % sizes.B;
  let i0 = rest / sizes.B;
  let matmul9 = weight_ih_l0_times_x_buf[((i0) * sizes.B + i1) * 80u + i2];
  let bias_ih_l0 = params_buf[2400u + i2];
  let add10 = (matmul9 + bias_ih_l0);
  add10_buf[((i0) * sizes.B + i1) * 80u + i2] = add10;
}
