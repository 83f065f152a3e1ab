// store_u: computes u (mamba.cell:51)
// one thread per element of [T, B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.T) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let c = work_buf[48u * sizes.B * sizes.T + 64u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2];
  let sigmoid13 = sigmoid(c);
  let u = (c * sigmoid13);
  work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2] = u;
}
