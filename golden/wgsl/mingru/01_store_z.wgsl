// store_z: computes z (mingru.cell:15)
// one thread per element of [T, B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read> W_z_W_h_times_x_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;
@group(0) @binding(3) var<storage, read_write> z_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B * sizes.T) { return; }
  let i2 = id % 20u;
  let rest = id / 20u;
  let i1 = rest % sizes.B;
  let i0 = rest / sizes.B;
  let matmul7 = W_z_W_h_times_x_buf[((i0) * sizes.B + i1) * 40u + i2 + 0u];
  let b_z_l0 = params_buf[1200u + i2];
  let add9 = (matmul7 + b_z_l0);
  let z = sigmoid(add9);
  z_buf[((i0) * sizes.B + i1) * 20u + i2] = z;
}
